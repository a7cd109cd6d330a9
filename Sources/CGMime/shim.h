/* What Swift cannot import from GMime 3, GLib and libxml2: the GObject casts and type
 * checks are function-like macros, so each is wrapped in a static inline function that
 * takes a gpointer (any typed pointer converts to it). */
#ifndef CDESK_CGMIME_SHIM_H
#define CDESK_CGMIME_SHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <gmime/gmime.h>
/* Debian's libxml2 is built with ICU, and its encoding.h then includes the system's
 * <unicode/ucnv.h>, which clashes with the ICU that Foundation carries (_FoundationICU).
 * cdesk never uses libxml2's ICU converters (it hands libxml2 UTF-8), so the headers are
 * read as if it had been built without. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

static inline void cgm_unref(gpointer object) { if (object) g_object_unref(object); }

static inline bool cgm_is_multipart(gpointer o) { return o && GMIME_IS_MULTIPART(o); }
static inline bool cgm_is_multipart_signed(gpointer o) { return o && GMIME_IS_MULTIPART_SIGNED(o); }
static inline bool cgm_is_part(gpointer o) { return o && GMIME_IS_PART(o); }
static inline bool cgm_is_message_part(gpointer o) { return o && GMIME_IS_MESSAGE_PART(o); }
static inline bool cgm_is_mailbox(gpointer a) { return a && INTERNET_ADDRESS_IS_MAILBOX(a); }
static inline bool cgm_is_group(gpointer a) { return a && INTERNET_ADDRESS_IS_GROUP(a); }

static inline GMimeObject *cgm_object(gpointer o) { return GMIME_OBJECT(o); }
static inline GMimeMultipart *cgm_multipart(gpointer o) { return GMIME_MULTIPART(o); }
static inline GMimePart *cgm_part(gpointer o) { return GMIME_PART(o); }
static inline GMimeMessagePart *cgm_message_part(gpointer o) { return GMIME_MESSAGE_PART(o); }
static inline GMimeStreamFilter *cgm_stream_filter(gpointer o) { return GMIME_STREAM_FILTER(o); }
static inline GMimeStreamMem *cgm_stream_mem(gpointer o) { return GMIME_STREAM_MEM(o); }
static inline InternetAddressMailbox *cgm_mailbox(gpointer a) { return INTERNET_ADDRESS_MAILBOX(a); }
static inline InternetAddressGroup *cgm_group(gpointer a) { return INTERNET_ADDRESS_GROUP(a); }

/* GMime copies the names. */
static inline void cgm_set_fallback_charsets(const char *first, const char *second)
{
	const char *charsets[3] = { first, second, NULL };
	g_mime_parser_options_set_fallback_charsets(g_mime_parser_options_get_default(), charsets);
}

static inline int cgm_html_parse_options(void)
{
	return HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
}

#endif
