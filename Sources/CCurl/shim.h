// Swift cannot call C variadic functions, so curl_easy_setopt / curl_easy_getinfo get one
// fixed-argument wrapper per argument type.
#ifndef ONCALL_CCURL_SHIM_H
#define ONCALL_CCURL_SHIM_H
#include <curl/curl.h>

typedef size_t (*oncall_curl_write_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef size_t (*oncall_curl_read_callback)(char *buffer, size_t size, size_t nitems, void *userdata);

static inline CURLcode oncall_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode oncall_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode oncall_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode oncall_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode oncall_curl_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode oncall_curl_setopt_write_callback(CURL *h, CURLoption o, oncall_curl_write_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode oncall_curl_setopt_read_callback(CURL *h, CURLoption o, oncall_curl_read_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode oncall_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
#endif
