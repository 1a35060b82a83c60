// Package cart holds a call's cart: lines built from the menu, priced in
// integer cents, edited and turned into meals. Every figure comes from the
// loaded menu; a Spec names what is wanted in menu words and Build either
// makes a Line of it or refuses with a sentence the assistant can say.
//
// A Cart is not safe for concurrent use; the tools lock the call's state
// around every change.
package cart
