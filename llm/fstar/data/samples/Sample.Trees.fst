module Sample.Trees

type tree =
  | Leaf : tree
  | Node : left:tree -> key:int -> right:tree -> tree

(* @goal simply *)
val size : tree -> nat
let rec size t = match t with | Leaf -> 0 | Node l _ r -> size l + 1 + size r

(* @goal simply *)
val mirror : tree -> tree
let rec mirror t = match t with | Leaf -> Leaf | Node l k r -> Node (mirror r) k (mirror l)

(* @goal simply *)
val height : tree -> nat
let rec height t =
  match t with
  | Leaf -> 0
  | Node l _ r -> let hl = height l in let hr = height r in 1 + (if hl > hr then hl else hr)

(* @goal simply *)
val mem : int -> tree -> bool
let rec mem x t = match t with | Leaf -> false | Node l k r -> x = k || mem x l || mem x r

(* @goal proof *)
val mirror_involutive : t:tree -> Lemma (mirror (mirror t) == t)
let rec mirror_involutive t = match t with | Leaf -> () | Node l _ r -> mirror_involutive l; mirror_involutive r

(* @goal proof *)
val size_mirror : t:tree -> Lemma (size (mirror t) == size t)
let rec size_mirror t = match t with | Leaf -> () | Node l _ r -> size_mirror l; size_mirror r

(* @goal dependent *)
val insert : x:int -> t:tree -> Tot (r:tree{size r == size t + 1})
let rec insert x t =
  match t with
  | Leaf -> Node Leaf x Leaf
  | Node l k r -> if x < k then Node (insert x l) k r else Node l k (insert x r)

(* @goal proof *)
val mem_insert : x:int -> t:tree -> Lemma (mem x (insert x t))
let rec mem_insert x t = match t with | Leaf -> () | Node l k r -> if x < k then mem_insert x l else mem_insert x r
