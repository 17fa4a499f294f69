/* Tests of the scrubjay C API: success paths, every error path, caller
 * buffers too small, invalid UTF-8, empty and large input, concurrent use.
 * Built as C99 against libscrubjay.a and run plain, under valgrind and under
 * AddressSanitizer by `make test-c`.
 *
 * SCRUBJAY_TEST_LARGE_MB sets the size of the large input (default 10). */

#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scrubjay.h"

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                              \
    do {                                                                         \
        checks++;                                                                \
        if (!(cond)) {                                                           \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                          \
        }                                                                        \
    } while (0)

#define CHECK_STATUS(got, want)                                                          \
    do {                                                                                 \
        scrubjay_status got_ = (got);                                                    \
        checks++;                                                                        \
        if (got_ != (want)) {                                                            \
            fprintf(stderr, "%s:%d: status %d, expected %d (%s)\n", __FILE__, __LINE__, \
                    (int)got_, (int)(want), #want);                                      \
            failures++;                                                                  \
        }                                                                                \
    } while (0)

/* Whether `n` bytes at `p` are the NUL-terminated string `s`. */
static int bytes_eq(const uint8_t *p, size_t n, const char *s) {
    return p != NULL && n == strlen(s) && memcmp(p, s, n) == 0;
}

/* Whether the text of `r` is the NUL-terminated string `s`. */
static int text_eq(const scrubjay_result *r, const char *s) {
    size_t n = 0;
    const uint8_t *t = scrubjay_result_text(r, &n);
    return bytes_eq(t, n, s);
}

static int contains(const char *haystack, const char *needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

#define S(lit) (const uint8_t *)(lit), (sizeof(lit) - 1)

static scrubjay_scrubber *new_default(void) {
    scrubjay_scrubber *s = NULL;
    scrubjay_error *err = NULL;
    scrubjay_status st = scrubjay_scrubber_new_default(&s, &err);
    if (st != SCRUBJAY_STATUS_OK || s == NULL) {
        fprintf(stderr, "cannot create the default scrubber: %s\n", scrubjay_error_message(err));
        exit(2);
    }
    CHECK(err == NULL);
    return s;
}

static scrubjay_scrubber *new_config(const char *json) {
    scrubjay_scrubber *s = NULL;
    scrubjay_error *err = NULL;
    scrubjay_status st = scrubjay_scrubber_new((const uint8_t *)json, strlen(json), &s, &err);
    if (st != SCRUBJAY_STATUS_OK || s == NULL) {
        fprintf(stderr, "cannot create a scrubber from %s: %s\n", json, scrubjay_error_message(err));
        exit(2);
    }
    return s;
}

static void test_version(void) {
    const char *v = scrubjay_version();
    CHECK(v != NULL && strlen(v) >= 5);
    CHECK(strchr(v, '.') != NULL);
    CHECK(scrubjay_abi_version() == SCRUBJAY_ABI_VERSION);
}

static void test_scrub(scrubjay_scrubber *s) {
    scrubjay_result *r = (scrubjay_result *)&r; /* not NULL: the call must reset it */
    scrubjay_error *err = (scrubjay_error *)&err;
    CHECK_STATUS(scrubjay_scrub(s, S("mail ada@example.com, card 4111 1111 1111 1111"), &r, &err),
                 SCRUBJAY_STATUS_OK);
    CHECK(err == NULL);
    CHECK(r != NULL);
    size_t n = 0;
    const uint8_t *out = scrubjay_result_text(r, &n);
    CHECK(bytes_eq(out, n, "mail [email], card [credit_card]"));
    CHECK(out != NULL && out[n] == '\0'); /* NUL-terminated for convenience */
    CHECK(scrubjay_result_changed(r));
    size_t count = 99;
    CHECK(scrubjay_result_findings(r, &count) == NULL && count == 0); /* not asked for */
    CHECK(scrubjay_result_text(r, NULL) == out);                       /* len may be NULL */
    scrubjay_result_free(r);

    /* Clean text: no result, no allocation; the input is the output. */
    r = (scrubjay_result *)&r;
    CHECK_STATUS(scrubjay_scrub(s, S("GET /api/v1/items?page=2 200 12ms"), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r == NULL);

    /* The input need not be NUL-terminated, and may hold NULs. */
    const char buf[] = "ip 10.0.0.1\0ada@example.com<garbage after the length>";
    CHECK_STATUS(scrubjay_scrub(s, (const uint8_t *)buf, 27, &r, NULL), SCRUBJAY_STATUS_OK);
    out = scrubjay_result_text(r, &n);
    CHECK(n == 17 && memcmp(out, "ip [ipv4]\0[email]", 17) == 0);
    scrubjay_result_free(r);

    /* A result whose text is empty (everything removed) is not "unchanged". */
    scrubjay_scrubber *remove = new_config("{\"rules\": {\"email\": {\"action\": \"remove\"}}}");
    CHECK_STATUS(scrubjay_scrub(remove, S("ada@example.com"), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r != NULL && scrubjay_result_changed(r));
    out = scrubjay_result_text(r, &n);
    CHECK(out != NULL && n == 0 && out[0] == '\0');
    scrubjay_result_free(r);
    scrubjay_scrubber_free(remove);
}

static void test_empty_input(scrubjay_scrubber *s) {
    scrubjay_result *r = (scrubjay_result *)&r;
    CHECK_STATUS(scrubjay_scrub(s, NULL, 0, &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r == NULL);
    CHECK_STATUS(scrubjay_scrub(s, (const uint8_t *)"", 0, &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r == NULL);
    CHECK_STATUS(scrubjay_find(s, NULL, 0, &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r == NULL);
    CHECK_STATUS(scrubjay_scrub_with_findings(s, NULL, 0, &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r == NULL);
    size_t n = 7;
    bool changed = true;
    CHECK_STATUS(scrubjay_scrub_into(s, NULL, 0, NULL, 0, &n, &changed, NULL), SCRUBJAY_STATUS_OK);
    CHECK(n == 0 && !changed);
    /* Empty NDJSON is zero lines; empty JSON is not a document. */
    CHECK_STATUS(scrubjay_scrub_ndjson(s, NULL, 0, &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r == NULL);
    scrubjay_error *err = NULL;
    CHECK_STATUS(scrubjay_scrub_json(s, NULL, 0, &r, &err), SCRUBJAY_STATUS_JSON);
    CHECK(r == NULL && err != NULL);
    scrubjay_error_free(err);
}

static void test_scrub_into(scrubjay_scrubber *s) {
    const char *in = "to ada@example.com from 10.0.0.1";
    const char *want = "to [email] from [ipv4]";
    uint8_t out[64];
    size_t n = 0;
    bool changed = false;
    scrubjay_error *err = NULL;

    /* Fits. */
    memset(out, '#', sizeof out);
    CHECK_STATUS(scrubjay_scrub_into(s, (const uint8_t *)in, strlen(in), out, sizeof out, &n, &changed, &err),
                 SCRUBJAY_STATUS_OK);
    CHECK(err == NULL && changed && bytes_eq(out, n, want));
    CHECK(out[n] == '#'); /* not NUL-terminated, nothing written past the end */

    /* Unchanged: nothing written. */
    memset(out, '#', sizeof out);
    CHECK_STATUS(scrubjay_scrub_into(s, S("all clean here"), out, sizeof out, &n, &changed, NULL), SCRUBJAY_STATUS_OK);
    CHECK(!changed && n == strlen("all clean here") && out[0] == '#');

    /* Too small: the size needed, nothing written. */
    memset(out, '#', sizeof out);
    CHECK_STATUS(scrubjay_scrub_into(s, (const uint8_t *)in, strlen(in), out, 5, &n, &changed, &err),
                 SCRUBJAY_STATUS_BUFFER_TOO_SMALL);
    CHECK(changed && n == strlen(want) && out[0] == '#');
    CHECK(scrubjay_error_status(err) == SCRUBJAY_STATUS_BUFFER_TOO_SMALL);
    CHECK(contains(scrubjay_error_message(err), "needs 22 bytes"));
    scrubjay_error_free(err);

    /* Asking for the size with no buffer, then the exact size. */
    CHECK_STATUS(scrubjay_scrub_into(s, (const uint8_t *)in, strlen(in), NULL, 0, &n, &changed, NULL),
                 SCRUBJAY_STATUS_BUFFER_TOO_SMALL);
    CHECK(n == strlen(want));
    uint8_t *exact = malloc(n);
    size_t cap = n;
    CHECK_STATUS(scrubjay_scrub_into(s, (const uint8_t *)in, strlen(in), exact, cap, &n, &changed, NULL),
                 SCRUBJAY_STATUS_OK);
    CHECK(bytes_eq(exact, n, want));
    free(exact);

    /* One byte short. */
    uint8_t short_buf[21];
    CHECK_STATUS(scrubjay_scrub_into(s, (const uint8_t *)in, strlen(in), short_buf, sizeof short_buf, &n, &changed,
                                     NULL),
                 SCRUBJAY_STATUS_BUFFER_TOO_SMALL);

    /* Output overlapping the input. */
    char both[128];
    strcpy(both, in);
    err = NULL;
    CHECK_STATUS(scrubjay_scrub_into(s, (const uint8_t *)both, strlen(both), (uint8_t *)both + 4, 64, &n, &changed,
                                     &err),
                 SCRUBJAY_STATUS_INVALID_ARGUMENT);
    CHECK(contains(scrubjay_error_message(err), "overlaps"));
    CHECK(n == 0 && !changed);
    scrubjay_error_free(err);
}

static void test_invalid_utf8(scrubjay_scrubber *s) {
    scrubjay_result *r = NULL;
    const uint8_t in[] = {0xff, ' ', 'a', 'd', 'a', '@', 'e', 'x', 'a', 'm', 'p', 'l', 'e', '.', 'c', 'o', 'm',
                          ' ', 0xfe, 0xc3}; /* ends inside a character */
    CHECK_STATUS(scrubjay_scrub_with_findings(s, in, sizeof in, &r, NULL), SCRUBJAY_STATUS_OK);
    size_t n = 0;
    const uint8_t *out = scrubjay_result_text(r, &n);
    const uint8_t want[] = {0xff, ' ', '[', 'e', 'm', 'a', 'i', 'l', ']', ' ', 0xfe, 0xc3};
    CHECK(out != NULL && n == sizeof want && memcmp(out, want, n) == 0);
    size_t count = 0;
    const scrubjay_finding *f = scrubjay_result_findings(r, &count);
    CHECK(count == 1 && f != NULL);
    if (count == 1) {
        CHECK(strcmp(f[0].rule, "email") == 0 && f[0].rule_len == 5);
        CHECK(f[0].start == 2 && f[0].end == 17);
    }
    scrubjay_result_free(r);

    /* Only invalid bytes: unchanged. */
    const uint8_t junk[] = {0x80, 0x81, 0xff, 0xfe, 0xc0, 0xaf};
    r = (scrubjay_result *)&r;
    CHECK_STATUS(scrubjay_scrub(s, junk, sizeof junk, &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r == NULL);

    /* A finding next to a broken character does not take part of it. */
    const uint8_t mixed[] = {'i', 'p', ' ', '1', '0', '.', '0', '.', '0', '.', '1', 0xe2, 0x82};
    CHECK_STATUS(scrubjay_scrub(s, mixed, sizeof mixed, &r, NULL), SCRUBJAY_STATUS_OK);
    out = scrubjay_result_text(r, &n);
    const uint8_t mixed_want[] = {'i', 'p', ' ', '[', 'i', 'p', 'v', '4', ']', 0xe2, 0x82};
    CHECK(out != NULL && n == sizeof mixed_want && memcmp(out, mixed_want, n) == 0);
    scrubjay_result_free(r);
}

static void test_findings(scrubjay_scrubber *s) {
    scrubjay_result *r = NULL;
    const char *in = "caf\xc3\xa9 ada@example.com and 10.0.0.1";
    CHECK_STATUS(scrubjay_scrub_with_findings(s, (const uint8_t *)in, strlen(in), &r, NULL), SCRUBJAY_STATUS_OK);
    size_t n = 0, count = 0;
    CHECK(text_eq(r, "caf\xc3\xa9 [email] and [ipv4]"));
    const scrubjay_finding *f = scrubjay_result_findings(r, &count);
    CHECK(count == 2);
    if (count == 2) {
        CHECK(strcmp(f[0].rule, "email") == 0 && f[0].start == 6 && f[0].end == 21);
        CHECK(f[0].action == SCRUBJAY_ACTION_REPLACE && !f[0].whole && f[0].pointer == NULL);
        CHECK(f[0].pointer_len == 0 && f[0].line == 0);
        CHECK(strcmp(f[1].rule, "ipv4") == 0 && f[1].start == 26 && f[1].end == 34);
        CHECK(memcmp(in + f[1].start, "10.0.0.1", 8) == 0);
    }
    scrubjay_result_free(r);

    /* find: findings only. */
    CHECK_STATUS(scrubjay_find(s, (const uint8_t *)in, strlen(in), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r != NULL && scrubjay_result_text(r, &n) == NULL && n == 0 && !scrubjay_result_changed(r));
    CHECK(scrubjay_result_findings(r, &count) != NULL && count == 2);
    scrubjay_result_free(r);
    r = (scrubjay_result *)&r;
    CHECK_STATUS(scrubjay_find(s, S("nothing"), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r == NULL);
    r = (scrubjay_result *)&r;
    CHECK_STATUS(scrubjay_scrub_with_findings(s, S("nothing"), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r == NULL);

    /* keep: reported, text unchanged. */
    scrubjay_scrubber *keep = new_config("{\"rules\": {\"email\": {\"action\": \"keep\"}}}");
    CHECK_STATUS(scrubjay_scrub_with_findings(keep, S("to ada@example.com"), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r != NULL && !scrubjay_result_changed(r) && scrubjay_result_text(r, NULL) == NULL);
    f = scrubjay_result_findings(r, &count);
    CHECK(count == 1 && f != NULL && f[0].action == SCRUBJAY_ACTION_KEEP);
    scrubjay_result_free(r);
    r = (scrubjay_result *)&r;
    CHECK_STATUS(scrubjay_scrub(keep, S("to ada@example.com"), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r == NULL);
    scrubjay_scrubber_free(keep);

    /* Accessors on NULL results. */
    n = 5;
    count = 5;
    CHECK(scrubjay_result_text(NULL, &n) == NULL && n == 0);
    CHECK(scrubjay_result_findings(NULL, &count) == NULL && count == 0);
    CHECK(!scrubjay_result_changed(NULL));
}

static void test_config(void) {
    /* Not NUL-terminated: only `len` bytes are read. */
    const char cfg[] = "{\"rules\": {\"email\": {\"action\": {\"type\": \"mask\", \"keep_last\": 4}}}}TRAILING GARBAGE";
    size_t len = strlen(cfg) - strlen("TRAILING GARBAGE");
    scrubjay_scrubber *s = NULL;
    scrubjay_error *err = (scrubjay_error *)&err;
    CHECK_STATUS(scrubjay_scrubber_new((const uint8_t *)cfg, len, &s, &err), SCRUBJAY_STATUS_OK);
    CHECK(s != NULL && err == NULL);
    scrubjay_result *r = NULL;
    CHECK_STATUS(scrubjay_scrub_with_findings(s, S("ada@example.com"), &r, NULL), SCRUBJAY_STATUS_OK);
    size_t count = 0;
    CHECK(text_eq(r, "***********.com"));
    const scrubjay_finding *f = scrubjay_result_findings(r, &count);
    CHECK(count == 1 && f[0].action == SCRUBJAY_ACTION_MASK);
    scrubjay_result_free(r);
    scrubjay_scrubber_free(s);

    /* Profiles and custom rules. */
    s = new_config("{\"profile\": \"secrets\", \"rules\": {\"emp\": {\"pattern\": \"EMP-[0-9]{6}\"}}}");
    CHECK_STATUS(scrubjay_scrub(s, S("EMP-123456 ada@example.com"), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(text_eq(r, "[emp] ada@example.com"));
    scrubjay_result_free(r);
    scrubjay_scrubber_free(s);
}

/* A config that must fail with `status`, a message containing `needle`, and
 * (when line > 0) that position. */
static void config_error(const uint8_t *cfg, size_t len, scrubjay_status status, const char *needle, size_t line,
                         size_t column) {
    scrubjay_scrubber *s = (scrubjay_scrubber *)&s;
    scrubjay_error *err = NULL;
    CHECK_STATUS(scrubjay_scrubber_new(cfg, len, &s, &err), status);
    CHECK(s == NULL);
    CHECK(err != NULL && scrubjay_error_status(err) == status);
    if (!contains(scrubjay_error_message(err), needle)) {
        fprintf(stderr, "message %s lacks %s\n", scrubjay_error_message(err), needle);
        failures++;
    }
    if (line > 0) {
        CHECK(scrubjay_error_line(err) == line && scrubjay_error_column(err) == column);
    }
    scrubjay_error_free(err);
    /* Without an error object: the same status, nothing leaks. */
    CHECK_STATUS(scrubjay_scrubber_new(cfg, len, &s, NULL), status);
    CHECK(s == NULL);
}

static void test_config_errors(void) {
    config_error(S("{\"rules\": {\"emial\": {\"enabled\": true}}}"), SCRUBJAY_STATUS_CONFIG, "did you mean `email`",
                 0, 0);
    config_error(S("{\"rules\": {\"emp\": {\"pattern\": \"EMP-([0-9]{6}\"}}}"), SCRUBJAY_STATUS_CONFIG,
                 "rule `emp`: invalid regex", 0, 0);
    config_error(S("{\"rules\": {\"email\": {\"action\": \"hash\"}}}"), SCRUBJAY_STATUS_CONFIG, "needs a secret key",
                 0, 0);
    config_error(S("{\"profile\": \"nope\"}"), SCRUBJAY_STATUS_CONFIG, "unknown profile `nope`", 0, 0);
    config_error(S("{\n  \"profile\": \"default\",,\n}"), SCRUBJAY_STATUS_CONFIG, "invalid config", 2, 24);
    config_error(S("{\"profile\": \"default\""), SCRUBJAY_STATUS_CONFIG, "EOF", 0, 0);
    config_error(NULL, 0, SCRUBJAY_STATUS_CONFIG, "EOF", 0, 0);
    config_error(S("{\"profile\": \"\xff\"}"), SCRUBJAY_STATUS_CONFIG, "not valid UTF-8 at byte 13", 0, 0);
    config_error(NULL, 5, SCRUBJAY_STATUS_NULL_POINTER, "`config` is NULL but `config_len` is 5", 0, 0);
    config_error((const uint8_t *)"{}", SIZE_MAX, SCRUBJAY_STATUS_INVALID_ARGUMENT, "more than PTRDIFF_MAX", 0, 0);

    /* Where to store the scrubber is required. */
    scrubjay_error *err = NULL;
    CHECK_STATUS(scrubjay_scrubber_new(S("{}"), NULL, &err), SCRUBJAY_STATUS_NULL_POINTER);
    CHECK(contains(scrubjay_error_message(err), "scrubjay_scrubber_new: `scrubber` is NULL"));
    scrubjay_error_free(err);
    CHECK_STATUS(scrubjay_scrubber_new_default(NULL, NULL), SCRUBJAY_STATUS_NULL_POINTER);
}

static void test_argument_errors(scrubjay_scrubber *s) {
    scrubjay_result *r = (scrubjay_result *)&r;
    scrubjay_error *err = NULL;

    CHECK_STATUS(scrubjay_scrub(NULL, S("x"), &r, &err), SCRUBJAY_STATUS_NULL_POINTER);
    CHECK(r == NULL && contains(scrubjay_error_message(err), "`scrubber` is NULL"));
    CHECK(scrubjay_error_line(err) == 0 && scrubjay_error_column(err) == 0);
    scrubjay_error_free(err);

    CHECK_STATUS(scrubjay_scrub(s, NULL, 3, &r, &err), SCRUBJAY_STATUS_NULL_POINTER);
    CHECK(contains(scrubjay_error_message(err), "`input` is NULL but `input_len` is 3"));
    scrubjay_error_free(err);

    CHECK_STATUS(scrubjay_scrub(s, (const uint8_t *)"x", SIZE_MAX, &r, &err), SCRUBJAY_STATUS_INVALID_ARGUMENT);
    CHECK(contains(scrubjay_error_message(err), "`input_len`"));
    scrubjay_error_free(err);

    CHECK_STATUS(scrubjay_scrub(s, S("x"), NULL, &err), SCRUBJAY_STATUS_NULL_POINTER);
    CHECK(contains(scrubjay_error_message(err), "scrubjay_scrub: `result` is NULL"));
    scrubjay_error_free(err);

    /* Every result-returning call checks the same things. */
    typedef scrubjay_status (*call)(const scrubjay_scrubber *, const uint8_t *, size_t, scrubjay_result **,
                                    scrubjay_error **);
    call calls[] = {scrubjay_scrub,         scrubjay_scrub_with_findings,    scrubjay_find,
                    scrubjay_scrub_json,    scrubjay_scrub_json_with_report, scrubjay_report_json,
                    scrubjay_scrub_ndjson,  scrubjay_scrub_ndjson_with_report, scrubjay_report_ndjson};
    for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
        CHECK_STATUS(calls[i](NULL, S("{}"), &r, NULL), SCRUBJAY_STATUS_NULL_POINTER);
        CHECK(r == NULL);
        CHECK_STATUS(calls[i](s, NULL, 2, &r, NULL), SCRUBJAY_STATUS_NULL_POINTER);
        CHECK_STATUS(calls[i](s, (const uint8_t *)"{}", SIZE_MAX / 2 + 1, &r, NULL), SCRUBJAY_STATUS_INVALID_ARGUMENT);
        CHECK_STATUS(calls[i](s, S("{}"), NULL, NULL), SCRUBJAY_STATUS_NULL_POINTER);
    }

    /* The *_into calls. */
    typedef scrubjay_status (*into)(const scrubjay_scrubber *, const uint8_t *, size_t, uint8_t *, size_t, size_t *,
                                    bool *, scrubjay_error **);
    into intos[] = {scrubjay_scrub_into, scrubjay_scrub_json_into, scrubjay_scrub_ndjson_into};
    uint8_t buf[16];
    size_t n = 0;
    bool changed = false;
    for (size_t i = 0; i < sizeof intos / sizeof intos[0]; i++) {
        CHECK_STATUS(intos[i](NULL, S("{}"), buf, sizeof buf, &n, &changed, NULL), SCRUBJAY_STATUS_NULL_POINTER);
        CHECK_STATUS(intos[i](s, NULL, 2, buf, sizeof buf, &n, &changed, NULL), SCRUBJAY_STATUS_NULL_POINTER);
        CHECK_STATUS(intos[i](s, S("{}"), NULL, 4, &n, &changed, &err), SCRUBJAY_STATUS_NULL_POINTER);
        CHECK(contains(scrubjay_error_message(err), "`output` is NULL but `output_cap` is 4"));
        scrubjay_error_free(err);
        CHECK_STATUS(intos[i](s, S("{}"), buf, SIZE_MAX, &n, &changed, NULL), SCRUBJAY_STATUS_INVALID_ARGUMENT);
        CHECK_STATUS(intos[i](s, S("{}"), buf, sizeof buf, NULL, &changed, NULL), SCRUBJAY_STATUS_NULL_POINTER);
        CHECK_STATUS(intos[i](s, S("{}"), buf, sizeof buf, &n, NULL, NULL), SCRUBJAY_STATUS_NULL_POINTER);
    }

    /* Error accessors and free functions accept NULL. */
    CHECK(strcmp(scrubjay_error_message(NULL), "") == 0);
    CHECK(scrubjay_error_status(NULL) == SCRUBJAY_STATUS_OK);
    CHECK(scrubjay_error_line(NULL) == 0 && scrubjay_error_column(NULL) == 0);
    scrubjay_error_free(NULL);
    scrubjay_result_free(NULL);
    scrubjay_scrubber_free(NULL);
}

static void test_json(scrubjay_scrubber *s) {
    scrubjay_result *r = NULL;
    const char *doc = "{\"user\": {\"email\": \"ada@example.com\", \"id\": 42}, \"password\": \"hunter2\", \"n\": 1.50}";
    const char *want = "{\"user\": {\"email\": \"[email]\", \"id\": 42}, \"password\": \"[sensitive_key]\", \"n\": 1.50}";
    CHECK_STATUS(scrubjay_scrub_json(s, (const uint8_t *)doc, strlen(doc), &r, NULL), SCRUBJAY_STATUS_OK);
    size_t n = 0, count = 0;
    CHECK(text_eq(r, want));
    CHECK(scrubjay_result_findings(r, &count) == NULL && count == 0);
    scrubjay_result_free(r);

    CHECK_STATUS(scrubjay_scrub_json_with_report(s, (const uint8_t *)doc, strlen(doc), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(text_eq(r, want));
    const scrubjay_finding *f = scrubjay_result_findings(r, &count);
    CHECK(count == 2);
    if (count == 2) {
        CHECK(strcmp(f[0].pointer, "/user/email") == 0 && f[0].pointer_len == 11);
        CHECK(strcmp(f[0].rule, "email") == 0 && f[0].start == 0 && f[0].end == 15 && !f[0].whole);
        CHECK(strcmp(f[1].pointer, "/password") == 0 && strcmp(f[1].rule, "sensitive_key") == 0 && f[1].whole);
        CHECK(f[1].end == 7 && f[1].line == 0);
    }
    scrubjay_result_free(r);

    CHECK_STATUS(scrubjay_report_json(s, (const uint8_t *)doc, strlen(doc), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(scrubjay_result_text(r, &n) == NULL && scrubjay_result_findings(r, &count) != NULL && count == 2);
    scrubjay_result_free(r);

    /* Clean documents come back as they are. */
    r = (scrubjay_result *)&r;
    CHECK_STATUS(scrubjay_scrub_json(s, S("{\"ok\": true, \"n\": [1, 2]}"), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r == NULL);
    r = (scrubjay_result *)&r;
    CHECK_STATUS(scrubjay_report_json(s, S("\"plain\""), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r == NULL);

    /* Into a buffer. */
    uint8_t buf[128];
    bool changed = false;
    CHECK_STATUS(scrubjay_scrub_json_into(s, (const uint8_t *)doc, strlen(doc), buf, sizeof buf, &n, &changed, NULL),
                 SCRUBJAY_STATUS_OK);
    CHECK(changed && bytes_eq(buf, n, want));
    CHECK_STATUS(scrubjay_scrub_json_into(s, (const uint8_t *)doc, strlen(doc), buf, 10, &n, &changed, NULL),
                 SCRUBJAY_STATUS_BUFFER_TOO_SMALL);
    CHECK(n == strlen(want));

    /* Invalid JSON: status, position, message. */
    scrubjay_error *err = NULL;
    r = (scrubjay_result *)&r;
    CHECK_STATUS(scrubjay_scrub_json(s, S("{\"a\": 1,\n  \"b\": }"), &r, &err), SCRUBJAY_STATUS_JSON);
    CHECK(r == NULL);
    CHECK(scrubjay_error_status(err) == SCRUBJAY_STATUS_JSON);
    CHECK(scrubjay_error_line(err) == 2 && scrubjay_error_column(err) == 8);
    CHECK(contains(scrubjay_error_message(err), "invalid JSON at line 2, column 8"));
    scrubjay_error_free(err);
    CHECK_STATUS(scrubjay_report_json(s, S("[1, 2"), &r, &err), SCRUBJAY_STATUS_JSON);
    scrubjay_error_free(err);
    CHECK_STATUS(scrubjay_scrub_json(s, S("{} {}"), &r, NULL), SCRUBJAY_STATUS_JSON);

    /* JSON must be UTF-8. */
    CHECK_STATUS(scrubjay_scrub_json(s, S("{\"a\":\n \"\xff\"}"), &r, &err), SCRUBJAY_STATUS_JSON);
    CHECK(scrubjay_error_line(err) == 2 && scrubjay_error_column(err) == 3);
    CHECK(contains(scrubjay_error_message(err), "not valid UTF-8"));
    scrubjay_error_free(err);

    /* Deep nesting is not a crash. */
    size_t depth = 100000;
    char *deep = malloc(2 * depth + 32);
    memset(deep, '[', depth);
    memcpy(deep + depth, "\"10.0.0.1\"", 10);
    memset(deep + depth + 10, ']', depth);
    CHECK_STATUS(scrubjay_scrub_json(s, (const uint8_t *)deep, 2 * depth + 10, &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(scrubjay_result_changed(r));
    const uint8_t *t = scrubjay_result_text(r, &n);
    CHECK(n == 2 * depth + 8 && t != NULL && memcmp(t + depth, "\"[ipv4]\"", 8) == 0);
    scrubjay_result_free(r);
    free(deep);
}

static void test_ndjson(scrubjay_scrubber *s) {
    const char *in =
        "\xef\xbb\xbf{\"msg\": \"mail ada@example.com\"}\r\n"
        "\n"
        "   \n"
        "{\"ok\": true}\n"
        "{\"ip\": \"10.0.0.1\", \"password\": \"x\"}"; /* no final newline */
    const char *want =
        "\xef\xbb\xbf{\"msg\": \"mail [email]\"}\r\n"
        "\n"
        "   \n"
        "{\"ok\": true}\n"
        "{\"ip\": \"[ipv4]\", \"password\": \"[sensitive_key]\"}";
    scrubjay_result *r = NULL;
    CHECK_STATUS(scrubjay_scrub_ndjson(s, (const uint8_t *)in, strlen(in), &r, NULL), SCRUBJAY_STATUS_OK);
    size_t n = 0, count = 0;
    CHECK(text_eq(r, want));
    scrubjay_result_free(r);

    CHECK_STATUS(scrubjay_scrub_ndjson_with_report(s, (const uint8_t *)in, strlen(in), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(text_eq(r, want));
    const scrubjay_finding *f = scrubjay_result_findings(r, &count);
    CHECK(count == 3);
    if (count == 3) {
        CHECK(f[0].line == 1 && strcmp(f[0].pointer, "/msg") == 0 && f[0].start == 5 && f[0].end == 20);
        CHECK(f[1].line == 5 && strcmp(f[1].pointer, "/ip") == 0 && strcmp(f[1].rule, "ipv4") == 0);
        CHECK(f[2].line == 5 && strcmp(f[2].pointer, "/password") == 0 && f[2].whole);
    }
    scrubjay_result_free(r);

    CHECK_STATUS(scrubjay_report_ndjson(s, (const uint8_t *)in, strlen(in), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(scrubjay_result_text(r, NULL) == NULL && scrubjay_result_findings(r, &count) != NULL && count == 3);
    scrubjay_result_free(r);

    uint8_t buf[256];
    bool changed = false;
    CHECK_STATUS(scrubjay_scrub_ndjson_into(s, (const uint8_t *)in, strlen(in), buf, sizeof buf, &n, &changed, NULL),
                 SCRUBJAY_STATUS_OK);
    CHECK(changed && bytes_eq(buf, n, want));

    /* Clean NDJSON: zero-copy. */
    r = (scrubjay_result *)&r;
    CHECK_STATUS(scrubjay_scrub_ndjson(s, S("{\"a\": 1}\n{\"b\": 2}\n"), &r, NULL), SCRUBJAY_STATUS_OK);
    CHECK(r == NULL);
    CHECK_STATUS(scrubjay_scrub_ndjson_into(s, S("{\"a\": 1}\n{\"b\": 2}\n"), buf, sizeof buf, &n, &changed, NULL),
                 SCRUBJAY_STATUS_OK);
    CHECK(!changed && n == 18);

    /* An invalid line fails the call and says which. */
    scrubjay_error *err = NULL;
    CHECK_STATUS(scrubjay_scrub_ndjson(s, S("{\"a\": 1}\n{\"b\": 2}\n{\"c\": }\n"), &r, &err), SCRUBJAY_STATUS_JSON);
    CHECK(r == NULL);
    CHECK(scrubjay_error_line(err) == 3 && scrubjay_error_column(err) == 7);
    CHECK(contains(scrubjay_error_message(err), "NDJSON line 3: invalid JSON at column 7"));
    scrubjay_error_free(err);
    CHECK_STATUS(scrubjay_report_ndjson(s, S("{}\n\xff\n"), &r, &err), SCRUBJAY_STATUS_JSON);
    CHECK(scrubjay_error_line(err) == 2 && contains(scrubjay_error_message(err), "NDJSON line 2: not valid UTF-8"));
    scrubjay_error_free(err);
}

/* Large input: SCRUBJAY_TEST_LARGE_MB megabytes of log lines, one finding per
 * tenth line; checked line by line against scrubbing the lines alone. */
static void test_large(scrubjay_scrubber *s) {
    const char *env = getenv("SCRUBJAY_TEST_LARGE_MB");
    size_t mb = env ? (size_t)strtoul(env, NULL, 10) : 10;
    size_t size = mb << 20;
    const char *clean = "2024-05-14T09:12:07.480Z INFO  order 100234 fetched in 38ms (cache=hit, rows=12)\n";
    const char *dirty = "2024-05-14T09:12:07.480Z WARN  login failed for ada@example.com from 203.0.113.42\n";
    const char *dirty_out = "2024-05-14T09:12:07.480Z WARN  login failed for [email] from [ipv4]\n";
    size_t lc = strlen(clean), ld = strlen(dirty), lo = strlen(dirty_out);
    char *in = malloc(size);
    size_t len = 0, lines = 0, dirty_lines = 0;
    while (len + ld <= size) {
        const char *line = (lines % 10 == 9) ? dirty : clean;
        dirty_lines += lines % 10 == 9;
        memcpy(in + len, line, strlen(line));
        len += strlen(line);
        lines++;
    }
    scrubjay_result *r = NULL;
    CHECK_STATUS(scrubjay_scrub(s, (const uint8_t *)in, len, &r, NULL), SCRUBJAY_STATUS_OK);
    size_t n = 0;
    const uint8_t *out = scrubjay_result_text(r, &n);
    CHECK(n == len - dirty_lines * (ld - lo));
    /* Line by line. */
    size_t at = 0, bad = 0;
    for (size_t i = 0; i < lines && out != NULL; i++) {
        const char *want = (i % 10 == 9) ? dirty_out : clean;
        size_t wl = (i % 10 == 9) ? lo : lc;
        if (at + wl > n || memcmp(out + at, want, wl) != 0) {
            bad++;
            break;
        }
        at += wl;
    }
    CHECK(bad == 0 && at == n);
    scrubjay_result_free(r);

    /* The same into a caller buffer, and with findings. */
    uint8_t *buf = malloc(len);
    bool changed = false;
    CHECK_STATUS(scrubjay_scrub_into(s, (const uint8_t *)in, len, buf, len, &n, &changed, NULL), SCRUBJAY_STATUS_OK);
    CHECK(changed && n == len - dirty_lines * (ld - lo));
    CHECK(out == NULL || memcmp(buf, "2024-05-14T09:12:07.480Z INFO", 29) == 0);
    free(buf);
    CHECK_STATUS(scrubjay_find(s, (const uint8_t *)in, len, &r, NULL), SCRUBJAY_STATUS_OK);
    size_t count = 0;
    scrubjay_result_findings(r, &count);
    CHECK(count == 2 * dirty_lines);
    scrubjay_result_free(r);
    free(in);
}

/* Concurrent use of one scrubber: every thread scrubs the same inputs with
 * every call and compares with the answers computed beforehand. */
#define THREADS 8
#define ROUNDS 200

struct shared {
    const scrubjay_scrubber *s;
    const char **inputs;
    char **answers; /* NULL when unchanged */
    size_t count;
    int failures;
};

static void *worker(void *arg) {
    struct shared *sh = arg;
    int bad = 0;
    uint8_t buf[256];
    for (int round = 0; round < ROUNDS; round++) {
        for (size_t i = 0; i < sh->count; i++) {
            const char *in = sh->inputs[i];
            scrubjay_result *r = NULL;
            if (scrubjay_scrub(sh->s, (const uint8_t *)in, strlen(in), &r, NULL) != SCRUBJAY_STATUS_OK) bad++;
            size_t n = 0;
            const uint8_t *t = scrubjay_result_text(r, &n);
            if (sh->answers[i] == NULL ? r != NULL : !bytes_eq(t, n, sh->answers[i])) bad++;
            scrubjay_result_free(r);
            bool changed = false;
            if (scrubjay_scrub_into(sh->s, (const uint8_t *)in, strlen(in), buf, sizeof buf, &n, &changed, NULL) !=
                SCRUBJAY_STATUS_OK)
                bad++;
            if (changed != (sh->answers[i] != NULL) || (changed && !bytes_eq(buf, n, sh->answers[i]))) bad++;
            if (round % 20 == 0) {
                r = NULL;
                if (scrubjay_scrub_json_with_report(sh->s, S("{\"password\": \"p\", \"m\": \"ada@example.com\"}"), &r,
                                                    NULL) != SCRUBJAY_STATUS_OK)
                    bad++;
                size_t count = 0;
                scrubjay_result_findings(r, &count);
                if (count != 2) bad++;
                scrubjay_result_free(r);
            }
        }
    }
    sh->failures = bad;
    return NULL;
}

static void test_threads(scrubjay_scrubber *s) {
    const char *inputs[] = {
        "clean line with nothing in it",
        "mail ada@example.com",
        "card 4111 1111 1111 1111 and ip 10.1.2.3",
        "token ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "password=hunter2 user=bob",
        "caf\xc3\xa9 \xff\xfe 192.168.0.1",
    };
    size_t count = sizeof inputs / sizeof inputs[0];
    char *answers[sizeof inputs / sizeof inputs[0]];
    for (size_t i = 0; i < count; i++) {
        scrubjay_result *r = NULL;
        CHECK_STATUS(scrubjay_scrub(s, (const uint8_t *)inputs[i], strlen(inputs[i]), &r, NULL), SCRUBJAY_STATUS_OK);
        size_t n = 0;
        const uint8_t *t = scrubjay_result_text(r, &n);
        answers[i] = t ? strndup((const char *)t, n) : NULL;
        scrubjay_result_free(r);
    }
    CHECK(answers[0] == NULL && answers[1] != NULL && strcmp(answers[1], "mail [email]") == 0);
    struct shared sh[THREADS];
    pthread_t threads[THREADS];
    for (int t = 0; t < THREADS; t++) {
        sh[t] = (struct shared){s, inputs, answers, count, 0};
        CHECK(pthread_create(&threads[t], NULL, worker, &sh[t]) == 0);
    }
    for (int t = 0; t < THREADS; t++) {
        CHECK(pthread_join(threads[t], NULL) == 0);
        CHECK(sh[t].failures == 0);
    }
    for (size_t i = 0; i < count; i++) free(answers[i]);
}

/* Results and errors outlive the scrubber and the input. */
static void test_lifetimes(void) {
    scrubjay_scrubber *s = new_default();
    char *in = strdup("to ada@example.com");
    scrubjay_result *r = NULL;
    CHECK_STATUS(scrubjay_scrub_with_findings(s, (const uint8_t *)in, strlen(in), &r, NULL), SCRUBJAY_STATUS_OK);
    scrubjay_error *err = NULL;
    CHECK_STATUS(scrubjay_scrub_json(s, S("nope"), &(scrubjay_result *){NULL}, &err), SCRUBJAY_STATUS_JSON);
    free(in);
    scrubjay_scrubber_free(s);
    size_t count = 0;
    CHECK(text_eq(r, "to [email]"));
    const scrubjay_finding *f = scrubjay_result_findings(r, &count);
    CHECK(count == 1 && strcmp(f[0].rule, "email") == 0);
    CHECK(contains(scrubjay_error_message(err), "invalid JSON"));
    scrubjay_result_free(r);
    scrubjay_error_free(err);
}

int main(void) {
    scrubjay_scrubber *s = new_default();
    test_version();
    test_scrub(s);
    test_empty_input(s);
    test_scrub_into(s);
    test_invalid_utf8(s);
    test_findings(s);
    test_config();
    test_config_errors();
    test_argument_errors(s);
    test_json(s);
    test_ndjson(s);
    test_large(s);
    test_threads(s);
    test_lifetimes();
    scrubjay_scrubber_free(s);
    if (failures) {
        fprintf(stderr, "test_api: %d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("test_api: %d checks passed\n", checks);
    return 0;
}
