/* words.h - text against the words of hinit's tables. */
#ifndef HINIT_WORDS_H
#define HINIT_WORDS_H

/* A word is a row of a table of fixed-size rows (option names, signal
 * names): it ends at its first NUL or at the end of its row.  Bounding a
 * word by its row rather than by a NUL is what lets the proofs show that
 * every comparison ends and reads only its row (proofs/README.md). */

/* text starts with word -> what follows it in text; otherwise 0.
 * fold_case: lower-case letters of text match upper-case ones of word. */
const char *skip_word(const char *text, const char *word, int size,
		      int fold_case);

/* text is word and nothing more: 1, otherwise 0. */
int word_is(const char *text, const char *word, int size, int fold_case);

#endif
