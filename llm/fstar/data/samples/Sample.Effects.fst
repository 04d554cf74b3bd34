module Sample.Effects
open FStar.Mul
open FStar.List.Tot

(* @goal dependent *)
val safe_div : x:int -> y:int -> Pure int (requires y <> 0) (ensures fun r -> r == x / y)
let safe_div x y = x / y

(* @goal dependent *)
val checked_sub : x:nat -> y:nat -> Pure nat (requires y <= x) (ensures fun r -> r + y == x)
let checked_sub x y = x - y

(* @goal dependent *)
val ghost_len : #a:Type -> list a -> GTot nat
let ghost_len #a l = length l

(* @goal dependent *)
val first_or : #a:Type -> d:a -> l:list a -> Pure a (requires True) (ensures fun r -> Cons? l ==> r == hd l)
let first_or #a d l = match l with | [] -> d | x :: _ -> x

(* @goal proof *)
val div_exact : x:nat -> y:pos -> Lemma (requires x % y == 0) (ensures (x / y) * y == x)
let div_exact x y = ()

(* @goal proof *)
val append_nil : #a:Type -> l:list a -> Lemma (ensures l @ [] == l) (decreases l)
let rec append_nil #a l = match l with | [] -> () | _ :: tl -> append_nil tl
