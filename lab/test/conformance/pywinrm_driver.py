"""
Drives the lab with Debian's python3-winrm (an independent WinRM client) and prints one JSON document of
observations. Input: a JSON config on stdin ({"endpoint", "transport", "username", "password", "scenarios"}).
Uses Protocol methods rather than Session.run_ps: pywinrm 0.3.0's run_ps raises TypeError on any stderr under
Python 3 (reference winrm.md §1.11).
"""
import base64
import json
import sys
import traceback

import winrm
from winrm.exceptions import InvalidCredentialsError, WinRMError, WinRMOperationTimeoutError, WinRMTransportError
from winrm.protocol import Protocol


def protocol(cfg, **extra):
    kwargs = dict(
        endpoint=cfg["endpoint"],
        transport=cfg["transport"],
        username=cfg["username"],
        password=cfg["password"],
    )
    if cfg.get("ca_trust_path"):
        # Validate against the lab host's self-signed certificate. ("ignore" is overridden by REQUESTS_CA_BUNDLE
        # in pywinrm 0.3.0's transport, and trusting the exact certificate is the stronger check anyway.)
        kwargs["server_cert_validation"] = "validate"
        kwargs["ca_trust_path"] = cfg["ca_trust_path"]
    kwargs.update(extra)
    return Protocol(**kwargs)


def run(p, command, args=(), codepage=65001):
    shell = p.open_shell(codepage=codepage)
    try:
        command_id = p.run_command(shell, command, list(args))
        out, err, rc = p.get_command_output(shell, command_id)
        p.cleanup_command(shell, command_id)
    finally:
        p.close_shell(shell)
    return {"stdout": base64.b64encode(out).decode(), "stderr": base64.b64encode(err).decode(), "rc": rc}


def scenario(cfg, name):
    if name == "hostname":
        return run(protocol(cfg), "hostname")
    if name == "whoami":
        return run(protocol(cfg), "whoami")
    if name == "echo-utf8":
        return run(protocol(cfg), "echo", ["h\u00e9llo \u2713 \u65e5\u672c"], codepage=65001)
    if name == "echo-cp437":
        return run(protocol(cfg), "echo", ["caf\u00e9"], codepage=437)
    if name == "stderr":
        return run(protocol(cfg), "echo oops 1>&2")
    if name == "exit-codes":
        p = protocol(cfg)
        return {"rcs": [run(p, "exit", [str(n)])["rc"] for n in (0, 1, 5, -1)]}
    if name == "unknown-command":
        return run(protocol(cfg), "nosuchcommand")
    if name == "long-running":
        # OperationTimeout 1 s against a 3 s ping: Receive must answer w:TimedOut and pywinrm retry silently.
        p = protocol(cfg, operation_timeout_sec=1, read_timeout_sec=3)
        timeouts = {"n": 0}
        raw = p._raw_get_command_output

        def counting(shell_id, command_id):
            try:
                return raw(shell_id, command_id)
            except WinRMOperationTimeoutError:
                timeouts["n"] += 1
                raise

        p._raw_get_command_output = counting
        result = run(p, "ping", ["-n", "4", "127.0.0.1"])
        result["timeouts"] = timeouts["n"]
        return result
    if name == "wrong-password":
        bad = dict(cfg, password=cfg["password"] + "x")
        try:
            run(protocol(bad), "hostname")
            return {"error": None}
        except InvalidCredentialsError as e:
            return {"error": "InvalidCredentialsError", "message": str(e)}
        except Exception as e:  # noqa: BLE001 - report what was raised, the test asserts on it
            return {"error": type(e).__name__, "message": str(e)}
    if name == "unknown-shell":
        p = protocol(cfg)
        try:
            p.run_command("11111111-1111-1111-1111-111111111111", "hostname")
            return {"error": None}
        except WinRMError as e:
            return {"error": "WinRMError", "message": str(e)}
    raise ValueError("unknown scenario " + name)


def main():
    cfg = json.load(sys.stdin)
    results = {}
    for name in cfg["scenarios"]:
        try:
            results[name] = scenario(cfg, name)
        except Exception as e:  # noqa: BLE001 - a failed scenario is data for the test, not a crash
            results[name] = {"exception": type(e).__name__, "message": str(e), "trace": traceback.format_exc()}
    results["_version"] = getattr(winrm, "__version__", "0.3.0")
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
