module Sample.Options

(* @goal simply *)
val option_map : #a:Type -> #b:Type -> (a -> b) -> option a -> option b
let option_map #a #b f o = match o with | None -> None | Some x -> Some (f x)

(* @goal simply *)
val option_default : #a:Type -> a -> option a -> a
let option_default #a d o = match o with | None -> d | Some x -> x

(* @goal simply *)
val option_bind : #a:Type -> #b:Type -> option a -> (a -> option b) -> option b
let option_bind #a #b o f = match o with | None -> None | Some x -> f x

(* @goal dependent *)
val get_some : #a:Type -> o:option a{Some? o} -> Tot a
let get_some #a o = Some?.v o

(* @goal proof *)
val option_map_some : #a:Type -> #b:Type -> f:(a -> b) -> x:a -> Lemma (option_map f (Some x) == Some (f x))
let option_map_some #a #b f x = ()

(* @goal simply *)
val swap : #a:Type -> #b:Type -> a & b -> b & a
let swap #a #b p = let (x, y) = p in (y, x)

(* @goal proof *)
val swap_swap : #a:Type -> #b:Type -> p:(a & b) -> Lemma (swap (swap p) == p)
let swap_swap #a #b p = ()

(* @goal simply *)
val pair_up : #a:Type -> a -> a * a
let pair_up #a x = (x, x)

(* @goal proof *)
val option_default_none : #a:Type -> d:a -> Lemma (option_default d None == d)
let option_default_none #a d = ()
