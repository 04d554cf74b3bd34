module Sample.Lists
open FStar.List.Tot

(* @goal simply *)
val len : #a:Type -> list a -> nat
let rec len #a l = match l with | [] -> 0 | _ :: tl -> 1 + len tl

(* @goal simply *)
val rev_acc : #a:Type -> list a -> list a -> list a
let rec rev_acc #a l acc = match l with | [] -> acc | x :: tl -> rev_acc tl (x :: acc)

(* @goal simply *)
val my_rev : #a:Type -> list a -> list a
let my_rev #a l = rev_acc l []

(* @goal simply *)
val map_list : #a:Type -> #b:Type -> (a -> b) -> list a -> list b
let rec map_list #a #b f l = match l with | [] -> [] | x :: tl -> f x :: map_list f tl

(* @goal simply *)
val filter_list : #a:Type -> (a -> bool) -> list a -> list a
let rec filter_list #a f l =
  match l with
  | [] -> []
  | x :: tl -> if f x then x :: filter_list f tl else filter_list f tl

(* @goal simply *)
val sum_list : list int -> int
let rec sum_list l = match l with | [] -> 0 | x :: tl -> x + sum_list tl

(* @goal simply *)
val all_pos : list int -> bool
let rec all_pos l = match l with | [] -> true | x :: tl -> x > 0 && all_pos tl

(* @goal simply *)
val nth_opt : #a:Type -> list a -> nat -> option a
let rec nth_opt #a l i =
  match l with
  | [] -> None
  | x :: tl -> if i = 0 then Some x else nth_opt tl (i - 1)

(* @goal dependent *)
val last_elem : #a:Type -> l:list a{Cons? l} -> Tot a
let rec last_elem #a l = match l with | [x] -> x | _ :: tl -> last_elem tl

(* @goal dependent *)
val safe_nth : #a:Type -> l:list a -> i:nat{i < length l} -> Tot a
let rec safe_nth #a l i = match l with | x :: tl -> if i = 0 then x else safe_nth tl (i - 1)

(* @goal dependent *)
val replicate : #a:Type -> n:nat -> x:a -> Tot (l:list a{length l == n})
let rec replicate #a n x = if n = 0 then [] else x :: replicate (n - 1) x

(* @goal proof *)
val map_list_length : #a:Type -> #b:Type -> f:(a -> b) -> l:list a -> Lemma (length (map_list f l) == length l)
let rec map_list_length #a #b f l = match l with | [] -> () | _ :: tl -> map_list_length f tl

(* @goal proof *)
val rev_acc_length : #a:Type -> l:list a -> acc:list a -> Lemma (length (rev_acc l acc) == length l + length acc)
let rec rev_acc_length #a l acc = match l with | [] -> () | x :: tl -> rev_acc_length tl (x :: acc)

(* @goal proof *)
val my_rev_length : #a:Type -> l:list a -> Lemma (length (my_rev l) == length l)
let my_rev_length #a l = rev_acc_length l []

(* @goal proof *)
val sum_list_append : l1:list int -> l2:list int -> Lemma (sum_list (l1 @ l2) == sum_list l1 + sum_list l2)
let rec sum_list_append l1 l2 = match l1 with | [] -> () | _ :: tl -> sum_list_append tl l2

(* @goal proof *)
val filter_length : #a:Type -> f:(a -> bool) -> l:list a -> Lemma (length (filter_list f l) <= length l)
let rec filter_length #a f l = match l with | [] -> () | _ :: tl -> filter_length f tl

(* @goal proof *)
val len_is_length : #a:Type -> l:list a -> Lemma (len l == length l)
let rec len_is_length #a l = match l with | [] -> () | _ :: tl -> len_is_length tl
