module Sample.Arith
open FStar.Mul

(* @goal simply *)
val double : int -> int
let double x = x + x

(* @goal simply *)
val square : int -> int
let square x = x * x

(* @goal simply *)
val max_int : int -> int -> int
let max_int a b = if a >= b then a else b

(* @goal dependent *)
val abs_nat : x:int -> Tot (y:nat{y == x \/ y == - x})
let abs_nat x = if x >= 0 then x else - x

(* @goal dependent *)
val pred_nat : x:pos -> Tot (y:nat{y + 1 == x})
let pred_nat x = x - 1

(* @goal dependent *)
val clamp : lo:int -> hi:int{lo <= hi} -> x:int -> Tot (r:int{lo <= r /\ r <= hi})
let clamp lo hi x = if x < lo then lo else if x > hi then hi else x

(* @goal dependent *)
val sum_to : n:nat -> Tot nat (decreases n)
let rec sum_to n = if n = 0 then 0 else n + sum_to (n - 1)

(* @goal proof z3rlimit=20 *)
val sum_to_closed : n:nat -> Lemma (2 * sum_to n == n * (n + 1))
let rec sum_to_closed n = if n = 0 then () else sum_to_closed (n - 1)

(* @goal proof *)
val double_is_twice : x:int -> Lemma (double x == 2 * x)
let double_is_twice x = ()

(* @goal proof *)
val max_int_ge : a:int -> b:int -> Lemma (max_int a b >= a /\ max_int a b >= b)
let max_int_ge a b = ()

(* @goal dependent *)
val pow2_nat : n:nat -> Tot pos
let rec pow2_nat n = if n = 0 then 1 else 2 * pow2_nat (n - 1)

(* @goal proof *)
val pow2_nat_grows : n:nat -> Lemma (pow2_nat n < pow2_nat (n + 1))
let pow2_nat_grows n = ()

(* @goal proof *)
val double_pos : x:pos -> Lemma (double x > x) [SMTPat (double x)]
let double_pos x = ()
