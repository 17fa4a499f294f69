// events: scrubs JSON events (NDJSON on standard input) on several threads
// that share one scrubber, and writes them in input order.
//
//   events [THREADS [CONFIG.json]] < events.ndjson > scrubbed.ndjson
//
// THREADS defaults to 4. A summary (events, findings per rule) goes to
// standard error. A line that is not valid JSON is reported there with its
// line number and left out of the output; the exit status is then 1.
//
// Shows the C API from C++17: RAII wrappers around the handles, errors as
// exceptions, and one `const scrubjay_scrubber *` used by every thread at
// once with no locking (a scrubber is immutable and thread-safe).

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "scrubjay.h"

namespace sj {

// A scrubjay error as an exception; keeps the status and position.
class Error : public std::runtime_error {
  public:
    Error(scrubjay_status status, scrubjay_error *err)
        : std::runtime_error(scrubjay_error_message(err)), status(status), line(scrubjay_error_line(err)),
          column(scrubjay_error_column(err)) {
        scrubjay_error_free(err);
    }
    scrubjay_status status;
    std::size_t line, column;
};

struct ResultFree {
    void operator()(scrubjay_result *r) const { scrubjay_result_free(r); }
};
using Result = std::unique_ptr<scrubjay_result, ResultFree>;

struct Finding {
    std::string rule, pointer;
    scrubjay_action action;
};

// A scrubbed event: the new text (empty optional-like flag when unchanged)
// and what was found.
struct Scrubbed {
    bool changed = false;
    std::string text;
    std::vector<Finding> findings;
};

class Scrubber {
  public:
    // The default profile.
    Scrubber() {
        scrubjay_scrubber *s = nullptr;
        scrubjay_error *err = nullptr;
        scrubjay_status st = scrubjay_scrubber_new_default(&s, &err);
        if (st != SCRUBJAY_STATUS_OK) throw Error(st, err);
        handle_.reset(s);
    }

    // From config JSON.
    explicit Scrubber(std::string_view config) {
        scrubjay_scrubber *s = nullptr;
        scrubjay_error *err = nullptr;
        scrubjay_status st =
            scrubjay_scrubber_new(reinterpret_cast<const uint8_t *>(config.data()), config.size(), &s, &err);
        if (st != SCRUBJAY_STATUS_OK) throw Error(st, err);
        handle_.reset(s);
    }

    // Safe to call from any number of threads at once.
    Scrubbed scrub_json(std::string_view event) const {
        scrubjay_result *raw = nullptr;
        scrubjay_error *err = nullptr;
        scrubjay_status st = scrubjay_scrub_json_with_report(
            handle_.get(), reinterpret_cast<const uint8_t *>(event.data()), event.size(), &raw, &err);
        if (st != SCRUBJAY_STATUS_OK) throw Error(st, err);
        Result r(raw); // NULL when nothing changed and nothing was found
        Scrubbed out;
        std::size_t len = 0, count = 0;
        if (const uint8_t *text = scrubjay_result_text(r.get(), &len)) {
            out.changed = true;
            out.text.assign(reinterpret_cast<const char *>(text), len);
        }
        const scrubjay_finding *f = scrubjay_result_findings(r.get(), &count);
        for (std::size_t i = 0; i < count; i++)
            out.findings.push_back({std::string(f[i].rule, f[i].rule_len), std::string(f[i].pointer, f[i].pointer_len),
                                    f[i].action});
        return out;
    }

  private:
    struct Free {
        void operator()(scrubjay_scrubber *s) const { scrubjay_scrubber_free(s); }
    };
    std::unique_ptr<scrubjay_scrubber, Free> handle_;
};

} // namespace sj

namespace {

bool blank(const std::string &line) {
    return line.find_first_not_of(" \t\r") == std::string::npos;
}

struct Outcome {
    std::string text; // what to write for the line
    bool keep = true; // false: an invalid line, left out
    std::string problem;
};

} // namespace

int main(int argc, char **argv) {
    unsigned threads = 4;
    if (argc > 1) {
        char *end = nullptr;
        unsigned long n = std::strtoul(argv[1], &end, 10);
        if (*end != '\0' || n == 0 || n > 256) {
            std::cerr << "usage: events [THREADS [CONFIG.json]] < events.ndjson\n";
            return 2;
        }
        threads = static_cast<unsigned>(n);
    }
    try {
        std::unique_ptr<sj::Scrubber> scrubber;
        if (argc > 2) {
            std::ifstream in(argv[2], std::ios::binary);
            if (!in) throw std::runtime_error(std::string("cannot open ") + argv[2]);
            std::stringstream config;
            config << in.rdbuf();
            scrubber = std::make_unique<sj::Scrubber>(config.str());
        } else {
            scrubber = std::make_unique<sj::Scrubber>();
        }

        std::vector<std::string> lines;
        for (std::string line; std::getline(std::cin, line);) lines.push_back(std::move(line));

        std::vector<Outcome> out(lines.size());
        std::vector<std::map<std::string, std::size_t>> counts(threads);
        std::vector<std::thread> pool;
        const sj::Scrubber &shared = *scrubber;
        for (unsigned t = 0; t < threads; t++) {
            pool.emplace_back([&, t] {
                for (std::size_t i = t; i < lines.size(); i += threads) {
                    if (blank(lines[i])) {
                        out[i].text = lines[i];
                        continue;
                    }
                    try {
                        sj::Scrubbed s = shared.scrub_json(lines[i]);
                        out[i].text = s.changed ? std::move(s.text) : lines[i];
                        for (const auto &f : s.findings) counts[t][f.rule]++;
                    } catch (const sj::Error &e) {
                        out[i].keep = false;
                        out[i].problem = "line " + std::to_string(i + 1) + ": " + e.what();
                    }
                }
            });
        }
        for (auto &th : pool) th.join();

        std::map<std::string, std::size_t> total;
        for (const auto &c : counts)
            for (const auto &[rule, n] : c) total[rule] += n;
        std::size_t invalid = 0, findings = 0;
        for (const auto &o : out) {
            if (o.keep) {
                std::cout << o.text << '\n';
            } else {
                invalid++;
                std::cerr << "events: " << o.problem << " (left out)\n";
            }
        }
        std::cout.flush();
        for (const auto &[rule, n] : total) findings += n;
        std::cerr << "events: " << lines.size() << " lines on " << threads << " threads, " << findings << " findings";
        for (const auto &[rule, n] : total) std::cerr << (rule == total.begin()->first ? ": " : ", ") << rule << " " << n;
        std::cerr << '\n';
        if (!std::cout) {
            std::cerr << "events: write error\n";
            return 1;
        }
        return invalid ? 1 : 0;
    } catch (const std::exception &e) {
        std::cerr << "events: " << e.what() << '\n';
        return 1;
    }
}
