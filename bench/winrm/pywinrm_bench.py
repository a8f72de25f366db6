"""
Benchmark worker for Debian's python3-winrm: the same BenchJob on stdin, one shell per host, one thread per host
(how the library is used for parallel hosts), every output checked. Prints a BenchRun as JSON.
"""
import json
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from winrm.protocol import Protocol

WARMUP_COMMANDS = 1000  # same as workload.ts: run on the first host before timing starts

COMMANDS = [("hostname", []), ("echo", ["custos-bench \u2713"]), ("whoami", [])]


def expected(i, host):
    command, args = COMMANDS[i % len(COMMANDS)]
    if command == "hostname":
        return host["name"] + "\r\n"
    if command == "whoami":
        return host["username"].lower() + "\r\n"
    return " ".join(args) + "\r\n"


def run_host(host, n):
    p = Protocol(
        endpoint="http://%s:%d/wsman" % (host["host"], host["port"]),
        transport="ntlm",
        username=host["username"],
        password=host["password"],
    )
    errors = 0
    shell = p.open_shell(codepage=65001)
    try:
        for i in range(n):
            command, args = COMMANDS[i % len(COMMANDS)]
            command_id = p.run_command(shell, command, args)
            out, _err, rc = p.get_command_output(shell, command_id)
            p.cleanup_command(shell, command_id)
            if rc != 0 or out.decode("utf-8") != expected(i, host):
                errors += 1
    finally:
        p.close_shell(shell)
    return errors


def main():
    job = json.load(sys.stdin)
    hosts, n = job["hosts"], job["commandsPerHost"]
    run_host(hosts[0], WARMUP_COMMANDS)
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(hosts)) as pool:
        errors = sum(pool.map(lambda h: run_host(h, n), hosts))
    seconds = time.perf_counter() - started
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu_ms = ((cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)) * 1000
    commands = len(hosts) * n
    json.dump(
        {
            "client": "python3-winrm",
            "hosts": len(hosts),
            "commands": commands,
            "seconds": seconds,
            "commandsPerSecond": commands / seconds,
            "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "cpuMsPerCommand": cpu_ms / commands,
            "errors": errors,
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
