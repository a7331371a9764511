/**
 * An English (or any further) table typed against the Vietnamese source: the same keys, nested
 * the same way, each a string. Annotating a literal with it makes a missing key and an extra key
 * both compile errors.
 */
export type Words<V> = { readonly [K in keyof V]: V[K] extends string ? string : Words<V[K]> };

/** The `{{name}}` slots of a sentence, read from its literal type: 'Trang {{page}}/{{pages}}' → 'page' | 'pages'. */
export type Placeholders<S> = S extends `${string}{{${infer Name}}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** Every dotted path to a sentence in a table: 'console.signIn', 'widget.detail.headline.settled'. */
export type WordPath<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${WordPath<T[K]>}`;
}[keyof T & string];

/** The sentence at a dotted path. */
export type WordAt<T, P extends string> = P extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? WordAt<T[Head], Rest>
    : never
  : P extends keyof T
    ? T[P]
    : never;
