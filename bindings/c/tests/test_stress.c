/* Stress tests of the scrubjay C API (issue 8, "Bindings under stress").
 *
 *   test_stress leak CALLS WARMUP [MAX_RSS_GROWTH_KB]
 *       CALLS calls through every entry point in turn (clean and dirty text,
 *       caller buffers, findings, JSON, NDJSON, reports, every error path,
 *       bad configs, and now and then a new scrubber), each result checked
 *       against the single-threaded answer and freed. Asserts that resident
 *       memory (and, on glibc, heap in use) after CALLS calls is no more
 *       than MAX_RSS_GROWTH_KB (default 4096) above what it was after WARMUP
 *       calls. With WARMUP = 0 nothing is asserted about memory (under
 *       valgrind, which checks for leaks itself).
 *
 *   test_stress threads ROUNDS
 *       8 threads share one scrubber and make ROUNDS passes each over the
 *       same calls, comparing every answer with the single-threaded one;
 *       meanwhile each thread also compiles and frees scrubbers of its own,
 *       and hands one result per round to another thread to free. Run under
 *       helgrind (make test-c-stress) and under ThreadSanitizer with the Rust
 *       side and its std instrumented too (make test-c-tsan).
 *
 *   test_stress race-canary
 *       A deliberate data race: the race detectors must report it, which
 *       shows they are live in the setup that reports the threads test clean.
 *
 * Every answer (status, scrubbed bytes, findings, error message and
 * position) is rendered into a "digest" string; the digests of the first,
 * single-threaded pass are the expected ones, and a few are also checked
 * against hand-written values so the baseline itself is known good. */

#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "scrubjay.h"

/* ---- digests ---------------------------------------------------------- */

#define DIGEST_CAP 8192

typedef struct {
    char buf[DIGEST_CAP];
    size_t len;
    int overflow;
} digest;

/* Appends n bytes, with NULs, control characters, backslashes and bytes
 * above 0x7e written as \xHH, so that a digest is one printable C string. */
static void d_bytes(digest *d, const void *p, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        if (d->len + 5 >= DIGEST_CAP) {
            d->overflow = 1;
            return;
        }
        if (b[i] < 0x20 || b[i] > 0x7e || b[i] == '\\') {
            d->buf[d->len++] = '\\';
            d->buf[d->len++] = 'x';
            d->buf[d->len++] = hex[b[i] >> 4];
            d->buf[d->len++] = hex[b[i] & 15];
        } else {
            d->buf[d->len++] = (char)b[i];
        }
    }
    d->buf[d->len] = '\0';
}

static void d_str(digest *d, const char *s) { d_bytes(d, s, strlen(s)); }

static void d_num(digest *d, size_t v) {
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%zu", v);
    d_bytes(d, tmp, (size_t)n);
}

static void d_result(digest *d, const scrubjay_result *r) {
    if (r == NULL) {
        d_str(d, " result=NULL");
        return;
    }
    size_t n = 0;
    const uint8_t *t = scrubjay_result_text(r, &n);
    d_str(d, " changed=");
    d_num(d, scrubjay_result_changed(r));
    if (t != NULL) {
        if (t[n] != '\0') d_str(d, " NOT-NUL-TERMINATED");
        d_str(d, " text=");
        d_bytes(d, t, n);
    }
    size_t count = 0;
    const scrubjay_finding *f = scrubjay_result_findings(r, &count);
    d_str(d, " findings=");
    d_num(d, count);
    for (size_t i = 0; i < count; i++) {
        d_str(d, " [");
        d_bytes(d, f[i].rule, f[i].rule_len);
        d_str(d, " ");
        d_num(d, f[i].start);
        d_str(d, "..");
        d_num(d, f[i].end);
        if (f[i].pointer != NULL) {
            d_str(d, " ptr=");
            d_bytes(d, f[i].pointer, f[i].pointer_len);
        }
        d_str(d, " line=");
        d_num(d, f[i].line);
        d_str(d, " action=");
        d_num(d, (size_t)f[i].action);
        d_str(d, f[i].whole ? " whole]" : "]");
    }
}

static void d_error(digest *d, scrubjay_error *err) {
    if (err == NULL) return;
    d_str(d, " error(");
    d_num(d, (size_t)scrubjay_error_status(err));
    d_str(d, ", ");
    d_num(d, scrubjay_error_line(err));
    d_str(d, ":");
    d_num(d, scrubjay_error_column(err));
    d_str(d, ")=");
    d_str(d, scrubjay_error_message(err));
}

/* ---- the calls ---------------------------------------------------------- */

typedef scrubjay_status (*result_call)(const scrubjay_scrubber *, const uint8_t *, size_t, scrubjay_result **,
                                       scrubjay_error **);
typedef scrubjay_status (*into_call)(const scrubjay_scrubber *, const uint8_t *, size_t, uint8_t *, size_t, size_t *,
                                     bool *, scrubjay_error **);

enum kind { K_RESULT, K_INTO, K_CONFIG, K_NULLS };

typedef struct {
    const char *name;
    enum kind kind;
    result_call rcall;
    into_call icall;
    const char *input;
    size_t len; /* 0: strlen(input) */
    size_t cap; /* K_INTO: the output buffer's capacity */
} op;

#define LOG_DIRTY "2024-05-14T09:12:07Z INFO user=ada@example.com paid with 4111 1111 1111 1111 from 10.0.0.7"
#define LOG_CLEAN "2024-05-14T09:12:07Z INFO GET /api/v1/items?page=2 200 12ms"
#define JSON_DIRTY                                                                                              \
    "{\"user\": {\"email\": \"ada@example.com\", \"id\": 42, \"tags\": [\"a\", \"call +1 415 555 0100\"]}, " \
    "\"password\": \"hunter2\", \"n\": 1.50, \"s\": \"caf\\u00e9 \\ud800\"}"
#define JSON_CLEAN "{\"ok\": true, \"n\": [1, 2, 3], \"msg\": \"nothing to see\"}"
/* Invalid UTF-8 (a lone continuation, an encoded surrogate, a truncated
 * character at the end) and a NUL, around findings. */
#define BAD_TEXT "caf\xc3\xa9 \xff\xfe\xed\xa0\x80 ada@example.com\0 192.168.0.1 \xc3"
#define NDJSON "{\"a\": \"ada@example.com\"}\r\n\n{\"token\": \"x\"}\n[1, \"10.1.2.3\"]"

static const op OPS[] = {
    {"scrub clean", K_RESULT, scrubjay_scrub, NULL, LOG_CLEAN, 0, 0},
    {"scrub dirty", K_RESULT, scrubjay_scrub, NULL, LOG_DIRTY, 0, 0},
    {"scrub with findings", K_RESULT, scrubjay_scrub_with_findings, NULL, LOG_DIRTY, 0, 0},
    {"find", K_RESULT, scrubjay_find, NULL, LOG_DIRTY, 0, 0},
    {"find clean", K_RESULT, scrubjay_find, NULL, LOG_CLEAN, 0, 0},
    {"scrub invalid UTF-8 and NULs", K_RESULT, scrubjay_scrub_with_findings, NULL, BAD_TEXT, sizeof BAD_TEXT - 1, 0},
    {"scrub into", K_INTO, NULL, scrubjay_scrub_into, LOG_DIRTY, 0, 256},
    {"scrub into, too small", K_INTO, NULL, scrubjay_scrub_into, LOG_DIRTY, 0, 8},
    {"scrub into, size query", K_INTO, NULL, scrubjay_scrub_into, LOG_DIRTY, 0, 0},
    {"scrub into clean", K_INTO, NULL, scrubjay_scrub_into, LOG_CLEAN, 0, 256},
    {"json", K_RESULT, scrubjay_scrub_json, NULL, JSON_DIRTY, 0, 0},
    {"json clean", K_RESULT, scrubjay_scrub_json, NULL, JSON_CLEAN, 0, 0},
    {"json with report", K_RESULT, scrubjay_scrub_json_with_report, NULL, JSON_DIRTY, 0, 0},
    {"report json", K_RESULT, scrubjay_report_json, NULL, JSON_DIRTY, 0, 0},
    {"json into", K_INTO, NULL, scrubjay_scrub_json_into, JSON_DIRTY, 0, 512},
    {"json into, too small", K_INTO, NULL, scrubjay_scrub_json_into, JSON_DIRTY, 0, 16},
    {"invalid json", K_RESULT, scrubjay_scrub_json, NULL, "{\"a\": 1,\n  \"b\": }", 0, 0},
    {"invalid json report", K_RESULT, scrubjay_scrub_json_with_report, NULL, "[\"ada@example.com\", \x01]", 0, 0},
    {"json not UTF-8", K_RESULT, scrubjay_report_json, NULL, "\"\xff\"", 0, 0},
    {"ndjson", K_RESULT, scrubjay_scrub_ndjson, NULL, NDJSON, 0, 0},
    {"ndjson with report", K_RESULT, scrubjay_scrub_ndjson_with_report, NULL, NDJSON, 0, 0},
    {"report ndjson", K_RESULT, scrubjay_report_ndjson, NULL, NDJSON, 0, 0},
    {"ndjson into", K_INTO, NULL, scrubjay_scrub_ndjson_into, NDJSON, 0, 256},
    {"invalid ndjson line 2", K_RESULT, scrubjay_scrub_ndjson_with_report, NULL, "{\"a\": 1}\n{bad\n{}", 0, 0},
    {"ndjson into, invalid line 3", K_INTO, NULL, scrubjay_scrub_ndjson_into, "1\n2\n[\n", 0, 64},
    {"bad config: unknown rule", K_CONFIG, NULL, NULL, "{\"rules\": {\"emial\": {}}}", 0, 0},
    {"bad config: regex", K_CONFIG, NULL, NULL, "{\"rules\": {\"emp\": {\"pattern\": \"EMP-([0-9]{6}\"}}}", 0, 0},
    {"bad config: syntax", K_CONFIG, NULL, NULL, "{\n  \"profile\": \"default\",,\n}", 0, 0},
    {"bad config: not UTF-8", K_CONFIG, NULL, NULL, "{\"profile\": \"\xff\"}", 0, 0},
    {"NULL arguments", K_NULLS, NULL, NULL, LOG_DIRTY, 0, 0},
};
#define NOPS (sizeof OPS / sizeof OPS[0])

/* A valid config, compiled now and then (compiling costs milliseconds). */
static const char VALID_CONFIG[] =
    "{\"profile\": \"strict\", \"rules\": {\"email\": {\"action\": \"mask\"}, "
    "\"emp\": {\"pattern\": \"EMP-[0-9]{6}\"}, \"names\": {\"terms\": [\"alice\", \"bob\"]}}}";
static const char VALID_CONFIG_INPUT[] = "alice EMP-123456 ada@example.com";

static size_t op_len(const op *o) { return o->len ? o->len : strlen(o->input); }

/* Runs one call and renders its answer; frees everything it got, or hands
 * the result to *keep (when keep is not NULL and there is a result). */
static void run_op(const scrubjay_scrubber *s, const op *o, digest *d, scrubjay_result **keep) {
    d->len = 0;
    d->buf[0] = '\0';
    d->overflow = 0;
    const uint8_t *in = (const uint8_t *)o->input;
    size_t len = op_len(o);
    scrubjay_status st;
    scrubjay_error *err = (scrubjay_error *)d; /* garbage: the call must overwrite it */
    switch (o->kind) {
    case K_RESULT: {
        scrubjay_result *r = (scrubjay_result *)d;
        st = o->rcall(s, in, len, &r, &err);
        d_str(d, "status=");
        d_num(d, (size_t)st);
        d_result(d, r);
        d_error(d, err);
        if (keep != NULL && r != NULL) {
            *keep = r;
        } else {
            scrubjay_result_free(r);
        }
        break;
    }
    case K_INTO: {
        uint8_t out[1024];
        size_t n = 12345;
        bool changed = false;
        st = o->icall(s, in, len, o->cap ? out : NULL, o->cap, &n, &changed, &err);
        d_str(d, "status=");
        d_num(d, (size_t)st);
        d_str(d, " n=");
        d_num(d, n);
        d_str(d, " changed=");
        d_num(d, changed);
        if (st == SCRUBJAY_STATUS_OK && changed) {
            d_str(d, " out=");
            d_bytes(d, out, n);
        }
        d_error(d, err);
        break;
    }
    case K_CONFIG: {
        scrubjay_scrubber *made = (scrubjay_scrubber *)d;
        st = scrubjay_scrubber_new(in, len, &made, &err);
        d_str(d, "status=");
        d_num(d, (size_t)st);
        d_str(d, made == NULL ? " scrubber=NULL" : " scrubber!");
        d_error(d, err);
        scrubjay_scrubber_free(made);
        break;
    }
    case K_NULLS: {
        /* NULL and impossible arguments on every kind of entry point. */
        scrubjay_result *r = NULL;
        d_str(d, "statuses=");
        d_num(d, (size_t)scrubjay_scrub(NULL, in, len, &r, NULL));
        d_num(d, (size_t)scrubjay_scrub_json(s, NULL, 3, &r, NULL));
        d_num(d, (size_t)scrubjay_find(s, in, SIZE_MAX, &r, NULL));
        d_num(d, (size_t)scrubjay_report_ndjson(s, in, len, NULL, NULL));
        size_t n = 0;
        bool changed = false;
        uint8_t buf[8];
        d_num(d, (size_t)scrubjay_scrub_into(s, in, len, NULL, 4, &n, &changed, NULL));
        d_num(d, (size_t)scrubjay_scrub_json_into(s, in, len, buf, sizeof buf, NULL, &changed, NULL));
        d_num(d, (size_t)scrubjay_scrub_ndjson_into(s, in, len, (uint8_t *)in, len, &n, &changed, NULL));
        d_num(d, (size_t)scrubjay_scrubber_new(NULL, 5, NULL, NULL));
        d_num(d, (size_t)scrubjay_scrubber_new_default(NULL, NULL));
        d_str(d, " r=");
        d_num(d, r == NULL);
        /* With an error object, freed each time. */
        st = scrubjay_scrub_with_findings(s, NULL, 7, &r, &err);
        d_error(d, err);
        scrubjay_error_free(err);
        err = NULL;
        st = scrubjay_scrub_into(s, in, len, buf, SIZE_MAX, &n, &changed, &err);
        d_error(d, err);
        /* Accessors on NULL. */
        d_str(d, scrubjay_error_message(NULL));
        d_num(d, scrubjay_error_line(NULL) + scrubjay_error_column(NULL) + (size_t)scrubjay_error_status(NULL));
        d_num(d, scrubjay_result_text(NULL, &n) == NULL && n == 0);
        d_num(d, scrubjay_result_findings(NULL, &n) == NULL && n == 0);
        d_num(d, scrubjay_result_changed(NULL));
        scrubjay_result_free(NULL);
        scrubjay_error_free(NULL);
        scrubjay_scrubber_free(NULL);
        break;
    }
    }
    scrubjay_error_free(err);
    if (d->overflow) d_str(d, "OVERFLOW");
}

/* Compiles the valid config, scrubs with it, frees it. */
static int new_scrubber_round(void) {
    scrubjay_scrubber *s = NULL;
    if (scrubjay_scrubber_new((const uint8_t *)VALID_CONFIG, strlen(VALID_CONFIG), &s, NULL) != SCRUBJAY_STATUS_OK)
        return 1;
    scrubjay_result *r = NULL;
    int bad = scrubjay_scrub(s, (const uint8_t *)VALID_CONFIG_INPUT, strlen(VALID_CONFIG_INPUT), &r, NULL) !=
              SCRUBJAY_STATUS_OK;
    size_t n = 0;
    const uint8_t *t = scrubjay_result_text(r, &n);
    const char *want = "[names] [emp] ***************";
    if (t == NULL || n != strlen(want) || memcmp(t, want, n) != 0) {
        fprintf(stderr, "scrubber from VALID_CONFIG gave %.*s\n", (int)n, t ? (const char *)t : "(NULL)");
        bad = 1;
    }
    scrubjay_result_free(r);
    scrubjay_scrubber_free(s);
    return bad;
}

static char *expected[NOPS];

static scrubjay_scrubber *shared_scrubber(void) {
    scrubjay_scrubber *s = NULL;
    scrubjay_error *err = NULL;
    if (scrubjay_scrubber_new_default(&s, &err) != SCRUBJAY_STATUS_OK) {
        fprintf(stderr, "cannot create the default scrubber: %s\n", scrubjay_error_message(err));
        exit(2);
    }
    return s;
}

static int contains(const char *hay, const char *needle) { return strstr(hay, needle) != NULL; }

/* The single-threaded answers, and a few hand-checked facts about them. */
static int baseline(const scrubjay_scrubber *s) {
    int bad = 0;
    static digest d;
    for (size_t i = 0; i < NOPS; i++) {
        run_op(s, &OPS[i], &d, NULL);
        expected[i] = strdup(d.buf);
        if (d.overflow || contains(d.buf, "NOT-NUL-TERMINATED")) {
            fprintf(stderr, "%s: %s\n", OPS[i].name, d.buf);
            bad++;
        }
    }
    struct {
        const char *op;
        const char *needle;
    } facts[] = {
        {"scrub clean", "status=0 result=NULL"},
        {"scrub dirty", "text=2024-05-14T09:12:07Z INFO user=[email] paid with [credit_card] from [ipv4]"},
        {"scrub with findings", "findings=3 [email 31..46 line=0 action=0] [credit_card 57..76 line=0 action=0] [ipv4 82..90 line=0 action=0]"},
        {"find clean", "status=0 result=NULL"},
        {"scrub invalid UTF-8 and NULs", "[email]\\x00 [ipv4] \\xc3 findings=2 [email 12..27 line=0 action=0] [ipv4 29..40"},
        {"scrub into, too small", "status=5 n=74 changed=1"},
        {"scrub into, size query", "status=5 n=74 changed=1"},
        {"scrub into clean", "status=0 n=59 changed=0"},
        {"json", "\"password\": \"[sensitive_key]\""},
        {"json", "\"s\": \"caf\\x5cu00e9 \\x5cud800\"}"}, /* escapes kept as written */
        {"json clean", "status=0 result=NULL"},
        {"json with report", "ptr=/user/email"},
        {"invalid json", "status=4 result=NULL error(4, 2:8)=invalid JSON"},
        {"ndjson with report", "line=3"},
        {"invalid ndjson line 2", "error(4, 2:"},
        {"ndjson into, invalid line 3", "error(4, 3:"},
        {"bad config: unknown rule", "did you mean `email`"},
        {"bad config: syntax", "error(3, 2:24)"},
        {"bad config: not UTF-8", "not valid UTF-8"},
        {"NULL arguments", "statuses=112111211 r=1 error(1, 0:0)"},
        {"NULL arguments", "error(2, 0:0)"},
    };
    for (size_t f = 0; f < sizeof facts / sizeof facts[0]; f++) {
        int found = 0;
        for (size_t i = 0; i < NOPS; i++) {
            if (strcmp(OPS[i].name, facts[f].op) == 0) {
                found = 1;
                if (!contains(expected[i], facts[f].needle)) {
                    fprintf(stderr, "baseline of `%s` lacks `%s`:\n  %s\n", facts[f].op, facts[f].needle, expected[i]);
                    bad++;
                }
            }
        }
        if (!found) {
            fprintf(stderr, "no op named `%s`\n", facts[f].op);
            bad++;
        }
    }
    bad += new_scrubber_round();
    return bad;
}

/* ---- memory ---------------------------------------------------------------- */

static size_t rss_bytes(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long size = 0, resident = 0;
    if (f == NULL) return 0;
    if (fscanf(f, "%lu %lu", &size, &resident) != 2) resident = 0;
    fclose(f);
    return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

/* Heap bytes in use (malloc'ed and not freed), all arenas; 0 when unknown. */
static size_t heap_in_use(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
#else
    return 0;
#endif
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int leak(long calls, long warmup, long max_growth_kb) {
    scrubjay_scrubber *s = shared_scrubber();
    size_t rss_start = rss_bytes();
    int bad = baseline(s);
    static digest d;
    size_t rss_warm = 0, heap_warm = 0;
    long compiles = 0;
    double t0 = now(), t_warm = t0;
    for (long i = 0; i < calls; i++) {
        if (i == warmup) {
            rss_warm = rss_bytes();
            heap_warm = heap_in_use();
            t_warm = now();
        }
        size_t k = (size_t)i % NOPS;
        run_op(s, &OPS[k], &d, NULL);
        if (strcmp(d.buf, expected[k]) != 0) {
            if (bad < 10) fprintf(stderr, "call %ld (%s):\n  got  %s\n  want %s\n", i, OPS[k].name, d.buf, expected[k]);
            bad++;
        }
        /* A scrubber of its own every 50,000 calls (compiling costs ~60 ms). */
        if (i % 50000 == 49999) {
            bad += new_scrubber_round();
            compiles++;
        }
    }
    double t1 = now();
    size_t rss_end = rss_bytes(), heap_end = heap_in_use();
    scrubjay_scrubber_free(s);
    for (size_t i = 0; i < NOPS; i++) free(expected[i]);
    printf("test_stress leak: %ld calls (%zu kinds, %ld scrubbers compiled) in %.2f s, %.0f calls/s\n", calls, NOPS,
           compiles, t1 - t0, (double)calls / (t1 - t0));
    if (warmup > 0 && warmup < calls) {
        long growth_kb = ((long)rss_end - (long)rss_warm) / 1024;
        long heap_growth = (long)heap_end - (long)heap_warm;
        printf("test_stress leak: RSS %zu KiB at start, %zu KiB after %ld calls, %zu KiB after %ld calls "
               "(%+ld KiB; limit %ld KiB); heap in use %zu -> %zu bytes (%+ld); %.0f calls/s after warm-up\n",
               rss_start / 1024, rss_warm / 1024, warmup, rss_end / 1024, calls, growth_kb, max_growth_kb, heap_warm,
               heap_end, heap_growth, (double)(calls - warmup) / (t1 - t_warm));
        if (growth_kb > max_growth_kb) {
            fprintf(stderr, "test_stress leak: RSS grew by %ld KiB after warm-up (limit %ld KiB)\n", growth_kb,
                    max_growth_kb);
            bad++;
        }
        /* Heap in use must not creep: a leak of even 1 byte per call is 900 KB here. */
        if (heap_warm != 0 && heap_growth > 64 * 1024) {
            fprintf(stderr, "test_stress leak: heap in use grew by %ld bytes after warm-up (limit 65536)\n",
                    heap_growth);
            bad++;
        }
    }
    if (bad) fprintf(stderr, "test_stress leak: %d failures\n", bad);
    return bad != 0;
}

/* ---- threads ---------------------------------------------------------------- */

#define THREADS 8

struct worker_arg {
    const scrubjay_scrubber *s;
    long rounds;
    int id;
    int failures;
    /* One result per round, freed by the next thread. */
    scrubjay_result *handoff[64];
    size_t handoff_count;
};

static struct worker_arg args[THREADS];

static void *worker(void *p) {
    struct worker_arg *a = p;
    digest *d = malloc(sizeof *d);
    if (d == NULL) {
        a->failures++;
        return NULL;
    }
    for (long round = 0; round < a->rounds; round++) {
        for (size_t j = 0; j < NOPS; j++) {
            /* Each thread walks the calls in its own order. */
            size_t k = (j * 7 + (size_t)a->id * 3 + (size_t)round) % NOPS;
            scrubjay_result *kept = NULL;
            int keep = j == 0 && a->handoff_count < sizeof a->handoff / sizeof a->handoff[0];
            run_op(a->s, &OPS[k], d, keep ? &kept : NULL);
            if (strcmp(d->buf, expected[k]) != 0) {
                if (a->failures < 5)
                    fprintf(stderr, "thread %d, round %ld, %s:\n  got  %s\n  want %s\n", a->id, round, OPS[k].name,
                            d->buf, expected[k]);
                a->failures++;
            }
            if (kept != NULL) a->handoff[a->handoff_count++] = kept;
        }
        /* A scrubber of its own, compiled and freed while the others scan. */
        if (round % 8 == (long)a->id % 8) a->failures += new_scrubber_round();
    }
    free(d);
    return NULL;
}

static int threads(long rounds) {
    scrubjay_scrubber *s = shared_scrubber();
    int bad = baseline(s);
    pthread_t tid[THREADS];
    double t0 = now();
    for (int t = 0; t < THREADS; t++) {
        args[t] = (struct worker_arg){.s = s, .rounds = rounds, .id = t};
        if (pthread_create(&tid[t], NULL, worker, &args[t]) != 0) {
            fprintf(stderr, "pthread_create failed\n");
            return 1;
        }
    }
    for (int t = 0; t < THREADS; t++) {
        pthread_join(tid[t], NULL);
        bad += args[t].failures;
    }
    double t1 = now();
    /* Results made on thread t, freed here and (below) on other threads. */
    size_t handed = 0;
    for (int t = 0; t < THREADS; t++) {
        struct worker_arg *a = &args[t];
        for (size_t i = 0; i < a->handoff_count; i++) {
            size_t n = 0;
            if (scrubjay_result_text(a->handoff[i], &n) == NULL && scrubjay_result_findings(a->handoff[i], &n) == NULL)
                bad++;
            scrubjay_result_free(a->handoff[i]);
            handed++;
        }
    }
    scrubjay_scrubber_free(s);
    for (size_t i = 0; i < NOPS; i++) free(expected[i]);
    printf("test_stress threads: %d threads x %ld rounds x %zu calls on one scrubber in %.2f s; "
           "%zu results freed on another thread; %d mismatches\n",
           THREADS, rounds, NOPS, t1 - t0, handed, bad);
    return bad != 0;
}

/* ---- canary ------------------------------------------------------------------ */

/* A deliberate data race, so the scripts can check that the race detector
 * they run the threads test under is live (it must report this one). */
static long racy_counter;

static void *racer(void *p) {
    (void)p;
    for (int i = 0; i < 1000; i++) racy_counter++;
    return NULL;
}

static int race_canary(void) {
    pthread_t a, b;
    pthread_create(&a, NULL, racer, NULL);
    pthread_create(&b, NULL, racer, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("test_stress race-canary: counter %ld (a race detector must have reported a race)\n", racy_counter);
    return 0;
}

int main(int argc, char **argv) {
    if (argc >= 4 && strcmp(argv[1], "leak") == 0) {
        return leak(atol(argv[2]), atol(argv[3]), argc >= 5 ? atol(argv[4]) : 4096);
    }
    if (argc >= 3 && strcmp(argv[1], "threads") == 0) {
        return threads(atol(argv[2]));
    }
    if (argc == 2 && strcmp(argv[1], "race-canary") == 0) {
        return race_canary();
    }
    fprintf(stderr, "usage: test_stress leak CALLS WARMUP [MAX_RSS_GROWTH_KB] | test_stress threads ROUNDS | "
                    "test_stress race-canary\n");
    return 2;
}
