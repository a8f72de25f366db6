(module
  ;; One page: the RC4 state S in bytes 0..255, the data being processed (in place) from byte 256.
  (memory (export "memory") 1)
  ;; Runs the key stream over `len` bytes at 256.. in place, from indices i and j; returns i | j << 8.
  (func (export "update") (param $i i32) (param $j i32) (param $len i32) (result i32)
    (local $n i32) (local $si i32) (local $sj i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $n) (local.get $len)))
        (local.set $i (i32.and (i32.add (local.get $i) (i32.const 1)) (i32.const 255)))
        (local.set $si (i32.load8_u (local.get $i)))
        (local.set $j (i32.and (i32.add (local.get $j) (local.get $si)) (i32.const 255)))
        (local.set $sj (i32.load8_u (local.get $j)))
        (i32.store8 (local.get $i) (local.get $sj))
        (i32.store8 (local.get $j) (local.get $si))
        (i32.store8 offset=256 (local.get $n)
          (i32.xor
            (i32.load8_u offset=256 (local.get $n))
            (i32.load8_u (i32.and (i32.add (local.get $si) (local.get $sj)) (i32.const 255)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (i32.or (local.get $i) (i32.shl (local.get $j) (i32.const 8)))))
