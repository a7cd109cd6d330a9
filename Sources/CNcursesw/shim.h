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

// DeskUI's cells hold at most this many scalars (DisplayWidth.maxScalarsPerCell).
_Static_assert(CCHARW_MAX == 5, "DisplayWidth.maxScalarsPerCell must be ncurses' CCHARW_MAX");

/// Columns the C library (and so ncurses) gives a character; -1 for one it deems unprintable.
int wcwidth(wchar_t c);
static inline int cdesk_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

/// Writes `utf8` at row y, column x straight to the terminal, past ncurses' picture of the
/// screen (a cluster ncurses cannot hold in one cell: see TerminalScreen). The position is
/// absolute (-1: wherever the cursor is, ncurses does not decide), so the terminal's own idea
/// of the cluster's width moves nothing else.
static inline void cdesk_overlay(int y, int x, const char *utf8, int attrs, short pair) {
    mvcur(-1, -1, y, x);
    vid_attr((attr_t)attrs, pair, NULL);
    putp(utf8);
}

/// After overlays: plain attributes, the cursor back where ncurses put it, and out they go.
static inline void cdesk_overlay_end(void) {
    vid_attr(A_NORMAL, 0, NULL);
    mvcur(-1, -1, getcury(stdscr), getcurx(stdscr));
    // putp and mvcur write through stdio (ncurses' newterm was given stdout).
    fflush(stdout);
}

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
