module Sample.Nat
open FStar.Mul

(* @goal simply *)
val factorial : nat -> nat
let rec factorial n = if n = 0 then 1 else n * factorial (n - 1)

(* @goal simply *)
val fibonacci : nat -> nat
let rec fibonacci n = if n <= 1 then 1 else fibonacci (n - 1) + fibonacci (n - 2)

(* @goal simply *)
val is_even : int -> bool
let is_even n = n % 2 = 0

(* @goal simply *)
val min_int : int -> int -> int
let min_int a b = if a <= b then a else b

(* @goal dependent *)
val max_nat : a:nat -> b:nat -> Tot (c:nat{c >= a /\ c >= b /\ (c = a \/ c = b)})
let max_nat a b = if a >= b then a else b

(* @goal dependent *)
val count_down : n:nat -> Tot (l:list nat{Cons? l}) (decreases n)
let rec count_down n = if n = 0 then [0] else n :: count_down (n - 1)

(* @goal proof *)
val factorial_is_positive : n:nat -> Lemma (factorial n > 0)
let rec factorial_is_positive n = if n = 0 then () else factorial_is_positive (n - 1)

(* @goal proof *)
val fibonacci_grows : n:nat{n >= 2} -> Lemma (fibonacci n >= n)
let rec fibonacci_grows n =
  if n <= 3 then () else (fibonacci_grows (n - 1); fibonacci_grows (n - 2))

(* @goal proof *)
val min_int_le : a:int -> b:int -> Lemma (min_int a b <= a /\ min_int a b <= b)
let min_int_le a b = ()
