module Sample.Vectors
open FStar.List.Tot

type vec (a:Type) (n:nat) = l:list a{length l == n}

(* @goal dependent *)
val vnil : #a:Type -> vec a 0
let vnil #a = []

(* @goal dependent *)
val vcons : #a:Type -> #n:nat -> a -> vec a n -> vec a (n + 1)
let vcons #a #n x v = x :: v

(* @goal dependent *)
val vhead : #a:Type -> #n:pos -> vec a n -> a
let vhead #a #n v = hd v

(* @goal dependent *)
val vmap : #a:Type -> #b:Type -> #n:nat -> (a -> b) -> vec a n -> vec b n
let rec vmap #a #b #n f v = match v with | [] -> [] | x :: tl -> f x :: vmap #a #b #(n - 1) f tl

(* @goal dependent *)
val vappend : #a:Type -> #m:nat -> #n:nat -> vec a m -> vec a n -> vec a (m + n)
let vappend #a #m #n u v = append_length u v; u @ v

(* @goal proof *)
val vmap_id : #a:Type -> #n:nat -> v:vec a n -> Lemma (vmap (fun x -> x) v == v)
let rec vmap_id #a #n v = match v with | [] -> () | _ :: tl -> vmap_id #a #(n - 1) tl
