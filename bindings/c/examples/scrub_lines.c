/* scrub_lines: a filter that scrubs standard input line by line.
 *
 *   scrub_lines [CONFIG.json] < app.log > app.scrubbed.log
 *   tail -f app.log | scrub_lines | ...
 *
 * With no argument the default profile is used; otherwise the config file
 * (JSON, see docs/config.md). Lines may be any bytes (not necessarily
 * UTF-8, may hold NULs); each output line is its input line scrubbed, with
 * the same line ending. When standard input is not a regular file (a pipe,
 * a terminal) every line is written as soon as it is scrubbed, so that
 * `tail -f | scrub_lines` streams.
 *
 * Clean lines are written straight from the input buffer: scrubjay says so
 * and allocates nothing. Changed lines are written from one output buffer
 * that grows when scrubjay reports it too small.
 *
 * Exit status: 0, or 1 with a message on standard error. */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scrubjay.h"

static int fail(const char *what, scrubjay_error *err) {
    fprintf(stderr, "scrub_lines: %s: %s\n", what, scrubjay_error_message(err));
    scrubjay_error_free(err);
    return 1;
}

static scrubjay_scrubber *load(const char *path, int *status) {
    scrubjay_scrubber *s = NULL;
    scrubjay_error *err = NULL;
    if (path == NULL) {
        if (scrubjay_scrubber_new_default(&s, &err) != SCRUBJAY_STATUS_OK) *status = fail("default profile", err);
        return s;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "scrub_lines: cannot open %s: %s\n", path, strerror(errno));
        *status = 1;
        return NULL;
    }
    char *config = NULL;
    size_t cap = 0, len = 0, n;
    do {
        if (len == cap) {
            cap = cap ? 2 * cap : 4096;
            char *grown = realloc(config, cap);
            if (grown == NULL) {
                fprintf(stderr, "scrub_lines: out of memory\n");
                free(config);
                fclose(f);
                *status = 1;
                return NULL;
            }
            config = grown;
        }
        n = fread(config + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    int read_error = ferror(f);
    fclose(f);
    if (read_error) {
        fprintf(stderr, "scrub_lines: cannot read %s\n", path);
        free(config);
        *status = 1;
        return NULL;
    }
    /* The config is a pointer and a length: no NUL terminator needed. */
    if (scrubjay_scrubber_new((const uint8_t *)config, len, &s, &err) != SCRUBJAY_STATUS_OK) *status = fail(path, err);
    free(config);
    return s;
}

int main(int argc, char **argv) {
    if (argc > 2 || (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0))) {
        fprintf(stderr, "usage: scrub_lines [CONFIG.json] < input > output\n");
        return argc > 2 ? 2 : 0;
    }
    int status = 0;
    scrubjay_scrubber *s = load(argc == 2 ? argv[1] : NULL, &status);
    if (s == NULL) return status ? status : 1;

    struct stat st_in;
    if (fstat(STDIN_FILENO, &st_in) == 0 && !S_ISREG(st_in.st_mode)) setvbuf(stdout, NULL, _IOLBF, 0);

    char *line = NULL;
    size_t line_cap = 0;
    uint8_t *out = NULL;
    size_t out_cap = 0;
    ssize_t got;
    while ((got = getline(&line, &line_cap, stdin)) != -1) {
        size_t len = (size_t)got, body = len;
        if (body > 0 && line[body - 1] == '\n') body--;
        if (body > 0 && line[body - 1] == '\r') body--;
        size_t n = 0;
        bool changed = false;
        scrubjay_error *err = NULL;
        scrubjay_status st = scrubjay_scrub_into(s, (const uint8_t *)line, body, out, out_cap, &n, &changed, &err);
        if (st == SCRUBJAY_STATUS_BUFFER_TOO_SMALL) {
            scrubjay_error_free(err);
            uint8_t *grown = realloc(out, n);
            if (grown == NULL) {
                fprintf(stderr, "scrub_lines: out of memory\n");
                status = 1;
                break;
            }
            out = grown;
            out_cap = n;
            st = scrubjay_scrub_into(s, (const uint8_t *)line, body, out, out_cap, &n, &changed, &err);
        }
        if (st != SCRUBJAY_STATUS_OK) {
            status = fail("scrub", err);
            break;
        }
        const char *text = changed ? (const char *)out : line;
        if (fwrite(text, 1, n, stdout) != n || fwrite(line + body, 1, len - body, stdout) != len - body) {
            fprintf(stderr, "scrub_lines: write error: %s\n", strerror(errno));
            status = 1;
            break;
        }
    }
    if (status == 0 && ferror(stdin)) {
        fprintf(stderr, "scrub_lines: read error: %s\n", strerror(errno));
        status = 1;
    }
    if (fflush(stdout) != 0 && status == 0) {
        fprintf(stderr, "scrub_lines: write error: %s\n", strerror(errno));
        status = 1;
    }
    free(line);
    free(out);
    scrubjay_scrubber_free(s);
    return status;
}
