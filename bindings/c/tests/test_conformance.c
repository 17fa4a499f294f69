/* Runs every case of conformance/cases.json (converted to C vectors by
 * gen_conformance.py) through the C API: scrubbed output and findings must
 * be exactly the corpus's. Offsets are byte offsets, native in C, so no
 * case needs converting or skipping. */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scrubjay.h"

typedef struct {
    const char *rule;
    size_t start, end;
    int action;
    const char *pointer; /* NULL for text findings */
    bool whole;
} cf_finding;

typedef struct {
    const char *name;
    const char *kind; /* text, bytes, json, config_error */
    const char *config; /* NULL: the default scrubber */
    size_t config_len;
    const char *input;
    size_t input_len;
    const char *output;
    size_t output_len;
    const char *error; /* config_error only */
    const cf_finding *findings;
    size_t n_findings;
} cf_case;

#include "conformance_cases.h"

static int failures = 0;

static void fail(const cf_case *c, const char *what) {
    fprintf(stderr, "conformance case \"%s\": %s\n", c->name, what);
    failures++;
}

/* The text a call produced: the input itself when the result says unchanged. */
static void check_output(const cf_case *c, const scrubjay_result *r, const char *call) {
    size_t n = c->input_len;
    const uint8_t *out = scrubjay_result_text(r, &n);
    if (out == NULL) {
        out = (const uint8_t *)c->input;
        n = c->input_len;
    }
    if (n != c->output_len || memcmp(out, c->output, n) != 0) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s: output differs (got %zu bytes: %.*s)", call, n, (int)(n > 120 ? 120 : n),
                 (const char *)out);
        fail(c, msg);
    }
}

static void check_findings(const cf_case *c, const scrubjay_result *r, const char *call) {
    size_t count = 0;
    const scrubjay_finding *f = scrubjay_result_findings(r, &count);
    if (count != c->n_findings) {
        char msg[128];
        snprintf(msg, sizeof msg, "%s: %zu findings, expected %zu", call, count, c->n_findings);
        fail(c, msg);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        const cf_finding *w = &c->findings[i];
        bool json = w->pointer != NULL;
        if (strcmp(f[i].rule, w->rule) != 0 || f[i].rule_len != strlen(w->rule) || f[i].start != w->start ||
            f[i].end != w->end || (int)f[i].action != w->action || f[i].whole != w->whole || f[i].line != 0 ||
            (json ? f[i].pointer == NULL || strcmp(f[i].pointer, w->pointer) != 0 ||
                        f[i].pointer_len != strlen(w->pointer)
                  : f[i].pointer != NULL)) {
            char msg[256];
            snprintf(msg, sizeof msg, "%s: finding %zu is %s %zu..%zu, expected %s %zu..%zu", call, i, f[i].rule,
                     f[i].start, f[i].end, w->rule, w->start, w->end);
            fail(c, msg);
        }
    }
}

static void run_text(const cf_case *c, const scrubjay_scrubber *s) {
    const uint8_t *in = (const uint8_t *)c->input;
    scrubjay_result *r = NULL;
    if (scrubjay_scrub(s, in, c->input_len, &r, NULL) != SCRUBJAY_STATUS_OK) fail(c, "scrubjay_scrub failed");
    check_output(c, r, "scrubjay_scrub");
    scrubjay_result_free(r);

    if (scrubjay_scrub_with_findings(s, in, c->input_len, &r, NULL) != SCRUBJAY_STATUS_OK)
        fail(c, "scrubjay_scrub_with_findings failed");
    check_output(c, r, "scrubjay_scrub_with_findings");
    check_findings(c, r, "scrubjay_scrub_with_findings");
    scrubjay_result_free(r);

    if (scrubjay_find(s, in, c->input_len, &r, NULL) != SCRUBJAY_STATUS_OK) fail(c, "scrubjay_find failed");
    check_findings(c, r, "scrubjay_find");
    scrubjay_result_free(r);

    size_t cap = c->output_len + 1, n = 0;
    uint8_t *buf = malloc(cap);
    bool changed = false;
    if (scrubjay_scrub_into(s, in, c->input_len, buf, cap, &n, &changed, NULL) != SCRUBJAY_STATUS_OK)
        fail(c, "scrubjay_scrub_into failed");
    const uint8_t *out = changed ? buf : in;
    if (n != c->output_len || memcmp(out, c->output, n) != 0) fail(c, "scrubjay_scrub_into: output differs");
    free(buf);
}

static void run_json(const cf_case *c, const scrubjay_scrubber *s) {
    const uint8_t *in = (const uint8_t *)c->input;
    scrubjay_result *r = NULL;
    scrubjay_error *err = NULL;
    if (scrubjay_scrub_json_with_report(s, in, c->input_len, &r, &err) != SCRUBJAY_STATUS_OK)
        fail(c, scrubjay_error_message(err));
    scrubjay_error_free(err);
    check_output(c, r, "scrubjay_scrub_json_with_report");
    check_findings(c, r, "scrubjay_scrub_json_with_report");
    scrubjay_result_free(r);

    if (scrubjay_scrub_json(s, in, c->input_len, &r, NULL) != SCRUBJAY_STATUS_OK) fail(c, "scrubjay_scrub_json failed");
    check_output(c, r, "scrubjay_scrub_json");
    scrubjay_result_free(r);

    if (scrubjay_report_json(s, in, c->input_len, &r, NULL) != SCRUBJAY_STATUS_OK)
        fail(c, "scrubjay_report_json failed");
    check_findings(c, r, "scrubjay_report_json");
    scrubjay_result_free(r);
}

int main(void) {
    size_t n = sizeof CASES / sizeof CASES[0];
    for (size_t i = 0; i < n; i++) {
        const cf_case *c = &CASES[i];
        scrubjay_scrubber *s = NULL;
        scrubjay_error *err = NULL;
        scrubjay_status st = c->config == NULL
                                 ? scrubjay_scrubber_new_default(&s, &err)
                                 : scrubjay_scrubber_new((const uint8_t *)c->config, c->config_len, &s, &err);
        if (strcmp(c->kind, "config_error") == 0) {
            if (st != SCRUBJAY_STATUS_CONFIG || s != NULL) fail(c, "the config was accepted");
            else if (strcmp(scrubjay_error_message(err), c->error) != 0) fail(c, scrubjay_error_message(err));
        } else if (st != SCRUBJAY_STATUS_OK) {
            fail(c, scrubjay_error_message(err));
        } else if (strcmp(c->kind, "json") == 0) {
            run_json(c, s);
        } else {
            run_text(c, s); /* text and bytes */
        }
        scrubjay_error_free(err);
        scrubjay_scrubber_free(s);
    }
    if (failures) {
        fprintf(stderr, "test_conformance: %d failures in %zu cases\n", failures, n);
        return 1;
    }
    printf("test_conformance: %zu cases passed\n", n);
    return 0;
}
