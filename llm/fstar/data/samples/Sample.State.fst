module Sample.State
open FStar.ST
open FStar.Ref

(* @goal dependent *)
val incr_ref : r:ref int -> ST unit (requires fun h -> True) (ensures fun h0 _ h1 -> sel h1 r == sel h0 r + 1)
let incr_ref r = r := !r + 1

(* @goal dependent *)
val read_twice : r:ref nat -> ST nat (requires fun h -> True) (ensures fun h0 v h1 -> h0 == h1 /\ v == sel h0 r + sel h0 r)
let read_twice r = let x = !r in let y = !r in x + y

(* @goal dependent *)
val swap_refs : r1:ref int -> r2:ref int -> ST unit (requires fun h -> addr_of r1 <> addr_of r2) (ensures fun h0 _ h1 -> sel h1 r1 == sel h0 r2 /\ sel h1 r2 == sel h0 r1)
let swap_refs r1 r2 = let t = !r1 in r1 := !r2; r2 := t
