#ifndef CDESK_NCURSES_SHIM_H
#define CDESK_NCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift cannot import function-like macros or (in Swift 6) mutable C globals;
// these wrappers give it what it needs and nothing more.

static inline WINDOW *cdesk_stdscr(void) { return stdscr; }
static inline int cdesk_lines(void) { return LINES; }
static inline int cdesk_cols(void) { return COLS; }
static inline int cdesk_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int cdesk_a_bold(void) { return (int)A_BOLD; }
static inline int cdesk_a_reverse(void) { return (int)A_REVERSE; }
static inline int cdesk_a_underline(void) { return (int)A_UNDERLINE; }
static inline int cdesk_a_dim(void) { return (int)A_DIM; }
static inline int cdesk_a_italic(void) { return (int)A_ITALIC; }
static inline int cdesk_colors(void) { return COLORS; }
static inline int cdesk_color_pairs(void) { return COLOR_PAIRS; }
static inline int cdesk_key_resize(void) { return KEY_RESIZE; }
static inline int cdesk_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cdesk_err(void) { return ERR; }

/// newterm on the process's standard output and input (Swift 6 refuses the stdio globals).
static inline SCREEN *cdesk_newterm(void) { return newterm(NULL, stdout, stdin); }

/// Draws one cell: a wide-character string (one spacing char plus combining marks) with attributes.
static inline int cdesk_put_cell(int y, int x, const wchar_t *wch, int attrs, short pair) {
    cchar_t c;
    if (setcchar(&c, wch, (attr_t)attrs, pair, NULL) == ERR) return ERR;
    return mvadd_wch(y, x, &c);
}

/// Reads one key; returns the get_wch result (OK, KEY_CODE_YES or ERR) and stores the code.
static inline int cdesk_get_key(unsigned int *out) {
    wint_t ch = 0;
    int r = get_wch(&ch);
    *out = (unsigned int)ch;
    return r;
}

#endif
