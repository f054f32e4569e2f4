"""The benchmark's report: the markdown tables and the verdicts against the targets (see bench/README.md)."""

PAGE_ORDER = [
    "home",
    "news list p1",
    "news list p2000",
    "article detail",
    "park detail",
    "enterprise list filtered",
    "tag page",
    "search",
    "search, news p3",
]
HELLO = "hello world (startproject)"
MIX_VALID = "mix of all pages"
MIX_BAD = "mix + 1 in 10 bad"
TARGETS = {"warm": 0.60, "cold detail": 0.15, "cold list": 0.10, "warm / hello": 0.60}
DETAIL_PAGES = {"article detail", "park detail"}


def ms(us):
    return f"{us / 1000:.1f}"


def table(db, survey, runs):
    lines = [
        f"### {db}",
        "",
        "| page | SQL | cold rps | cold p50 ms | cold p99 ms | cold / ceiling | warm rps | warm p50 ms | warm p99 ms "
        "| warm / ceiling | non-2xx |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ceilings = {mode: runs[mode]["results"]["ceiling"]["rps"] for mode in runs}
    for name in ["ceiling", HELLO, *PAGE_ORDER, MIX_VALID, MIX_BAD]:
        queries = survey["pages"][name]["queries"] if name in survey["pages"] else ""
        cells = [name, str(queries)]
        non2xx = 0
        if name == HELLO and "warm" not in runs:
            continue
        for mode in ("cold", "warm"):
            if mode not in runs or name not in runs[mode]["results"]:
                cells += ["", "", "", ""]
                continue
            r = runs[mode]["results"][name]
            cells += [f"{r['rps']:.1f}", ms(r["p50_us"]), ms(r["p99_us"]), f"{r['rps'] / ceilings[mode]:.0%}"]
            if name == MIX_BAD:
                expected = {200, 400, 404}
                non2xx += sum(n for status, n in r["statuses"].items() if status not in expected)
            else:
                non2xx += r["non2xx"] + r["socket_errors"]
        if name == MIX_BAD:
            statuses = runs[next(iter(runs))]["results"][name]["statuses"]
            cells.append(f"{non2xx} unexpected (cold: {', '.join(f'{s}×{n}' for s, n in sorted(statuses.items()))})")
        else:
            cells.append(str(non2xx))
        lines.append("| " + " | ".join(cells) + " |")
    if "warm" in runs:
        hello = runs["warm"]["results"][HELLO]["rps"]
        lines += [
            "",
            f"Warm pages against the hello-world project ({hello:.1f} rps, same gunicorn settings, same run):",
            "",
        ]
        lines += ["| page | warm rps | warm / hello world |", "|---|---:|---:|"]
        for name in ["ceiling", *PAGE_ORDER, MIX_VALID]:
            rps = runs["warm"]["results"][name]["rps"]
            lines.append(f"| {name} | {rps:.1f} | {rps / hello:.0%} |")
    lines += ["", "Worker memory after each pass (VmRSS / VmHWM peak, MB):", ""]
    for mode in runs:
        for number, memory in enumerate(runs[mode]["memory"], 1):
            workers = ", ".join(f"pid {pid}: {rss:.0f} / {hwm:.0f}" for pid, (rss, hwm) in memory.items())
            lines.append(f"- {mode}, pass {number}: {workers}")
    lines.append("")
    lines.append("Bad requests (test client): " + ", ".join(
        f"`{url}` → {info['status']}" + ("" if info["status"] == info["expected"] else f" (expected {info['expected']})")
        for url, info in survey["bad"].items()
    ))  # fmt: skip
    if "warm" in runs:
        lines.append(f"Warm pages still cache hits at the end: {len(PAGE_ORDER) - runs['warm']['cache_misses_at_end']}"
                     f"/{len(PAGE_ORDER)}")  # fmt: skip
    lines += ["", *verdicts(survey, runs), ""]
    return "\n".join(lines)


def verdicts(survey, runs):
    out = []
    results = {mode: runs[mode]["results"] for mode in runs}
    ceiling = {mode: results[mode]["ceiling"]["rps"] for mode in results}

    def check(ok, text):
        out.append(f"- {'met' if ok else 'NOT MET'}: {text}")

    for name in PAGE_ORDER if "warm" in results else ():
        ratio = results["warm"][name]["rps"] / ceiling["warm"]
        check(ratio >= TARGETS["warm"], f"warm {name} {ratio:.0%} of ceiling (≥ 60%)")
    for name in PAGE_ORDER if "warm" in results else ():
        ratio = results["warm"][name]["rps"] / results["warm"][HELLO]["rps"]
        check(ratio >= TARGETS["warm / hello"], f"warm {name} {ratio:.0%} of the hello-world project (≥ 60%)")
    for name in PAGE_ORDER if "cold" in results else ():
        target = TARGETS["cold detail"] if name in DETAIL_PAGES else TARGETS["cold list"]
        ratio = results["cold"][name]["rps"] / ceiling["cold"]
        check(ratio >= target, f"cold {name} {ratio:.0%} of ceiling (≥ {target:.0%})")
    for mode in results:
        cost = results[mode]["news list p1"]["rps"] / max(results[mode]["news list p2000"]["rps"], 1e-9)
        check(cost <= 1.5, f"{mode}: news page 2000 costs {cost:.2f}× page 1 (≤ 1.5×)")
    worst = max(survey["pages"][name]["queries"] for name in PAGE_ORDER)
    check(worst <= 10, f"at most {worst} SQL queries per page (≤ 10)")
    for mode in runs:
        memory = runs[mode]["memory"]
        peak = max(hwm for m in memory for _, hwm in m.values())
        check(peak < 150, f"{mode}: worker peak RSS {peak:.0f} MB (< 150 MB)")
        if len(memory) > 1:
            # Growth of the worst worker over each pass; the last one says whether memory still grows once
            # every page has been built many times (the first passes also fill lazily built caches).
            steps = [
                max(after[pid][0] - before[pid][0] for pid in before if pid in after)
                for before, after in zip(memory, memory[1:], strict=False)
            ]
            shown = ", ".join(f"{step:+.1f}" for step in steps)
            check(steps[-1] < 2, f"{mode}: worker RSS growth over the last pass {steps[-1]:+.1f} MB (< 2 MB; "
                                 f"pass by pass: {shown} MB)")  # fmt: skip
    bad_valid = sum(
        results[mode][name]["non2xx"] + results[mode][name]["socket_errors"]
        for mode in results
        for name in ["ceiling", *PAGE_ORDER, MIX_VALID]
    )
    check(bad_valid == 0, f"{bad_valid} non-2xx answers or socket errors for valid requests")
    wrong = sum(1 for info in survey["bad"].values() if info["status"] != info["expected"])
    unexpected = sum(
        n
        for mode in results
        for status, n in results[mode][MIX_BAD]["statuses"].items()
        if status not in (200, 400, 404)
    )
    check(wrong == 0 and unexpected == 0, f"bad requests: {wrong} wrong statuses, {unexpected} unexpected under load")
    for mode in results:
        slow = results[mode][MIX_BAD]["p50_us"] / max(results[mode][MIX_VALID]["p50_us"], 1)
        check(slow <= 1.1, f"{mode}: p50 of the mix with bad requests is {slow:.2f}× the valid-only mix (≤ 1.1×)")
    return out
