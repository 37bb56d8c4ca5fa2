/* words.c - text against the words of hinit's tables (words.h). */
/* For the ACSL string predicates (valid_read_string) of the proofs. */
#include <string.h>
#include "words.h"

/*@ assigns \nothing;
    ensures ch == 0 <==> \result == 0;
*/
static char upper(char ch)
{
	return (ch >= 'a' && ch <= 'z') ? (char)(ch - 'a' + 'A') : ch;
}

/* text comes from the command line, so it is a C string of any length;
 * word is a row of size chars.  The result points into text, so it is a
 * string too. */
/*@ requires valid_read_string(text);
    requires 0 < size && \valid_read(word + (0 .. size - 1));
    requires fold_case == 0 || fold_case == 1;
    assigns \nothing;
    ensures \result == \null || (valid_read_string(\result) &&
      \exists integer n; 0 <= n <= size && \result == text + n);
*/
const char *skip_word(const char *text, const char *word, int size,
		      int fold_case)
{
	int i = 0;
	/*@ loop invariant 0 <= i <= size;
	    loop invariant \forall integer k; 0 <= k < i ==> text[k] != 0;
	    loop invariant i <= strlen(text);
	    loop assigns i;
	    loop variant size - i;
	*/
	while (i < size && word[i]) {
		char ch = fold_case ? upper(text[i]) : text[i];
		/* ch != 0 here, so text goes on past i. */
		if (ch != word[i])
			return 0;
		i++;
	}
	return text + i;
}

/*@ requires valid_read_string(text);
    requires 0 < size && \valid_read(word + (0 .. size - 1));
    requires fold_case == 0 || fold_case == 1;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
*/
int word_is(const char *text, const char *word, int size, int fold_case)
{
	const char *rest = skip_word(text, word, size, fold_case);
	return rest && *rest == 0;
}
