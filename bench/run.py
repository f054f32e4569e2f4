"""Load-test the site under gunicorn on PostgreSQL and SQLite and print the results as markdown.

    .venv/bin/python bench/run.py                  # both databases, data generated once
    .venv/bin/python bench/run.py --reuse-data     # keep the scratch data from an earlier run
    .venv/bin/python bench/run.py --db sqlite --duration 5

For each database: scratch database (PostgreSQL ``bench_scratch``, SQLite file
under /tmp/bench_scratch), migrate, generate the scaled demo data, collectstatic,
count the SQL queries of each page with the test client, then two gunicorn
runs with 2 workers: "cold" with the page cache off (PAGE_CACHE_SECONDS=0, so
every request builds its page) and "warm" with the page cache on and filled
by a first request to each page. wrk drives each page from its own process;
each configuration is measured ``--passes`` times on the same workers and the
resident memory of every worker is read after each pass. See bench/README.md.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a script: bench/ is on the path, the repository is not

from bench.report import HELLO, MIX_BAD, MIX_VALID, PAGE_ORDER, table  # noqa: E402

PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
SCRATCH = Path(tempfile.gettempdir()) / "bench_scratch"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "bench_scratch"
# A Redis database of its own, emptied before each gunicorn run.
REDIS_URL = "redis://127.0.0.1:6379/13"
DATABASES = {
    "postgresql": f"{PG_SERVER}/{PG_DATABASE}",
    "sqlite": f"sqlite:///{SCRATCH / 'bench.sqlite3'}",
}
WARM_PAGE_CACHE_SECONDS = "3600"


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(args, env, **kwargs):
    return subprocess.run(args, env=env, cwd=REPO, check=True, **kwargs)


def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("wrk is missing: apt-get install -y wrk")
    subprocess.run(["apt-get", "install", "-y", "wrk"], check=True)


def base_env(database_url):
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-secret-key-not-for-production-0123456789abcdef",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(SCRATCH / "static"),
        DJANGO_ROOT_URLCONF="bench.urls",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        # Workers are not recycled during the benchmark, so that memory growth would show.
        GUNICORN_MAX_REQUESTS="0",
        GUNICORN_ACCESS_LOG="/dev/null",
        GUNICORN_WORKERS="2",
    )
    return env


def article_count(env):
    code = "from news.models import Article; print(Article.objects.count())"
    out = run([PYTHON, "manage.py", "shell", "-c", code], env, capture_output=True, text=True).stdout
    return int(out.strip().splitlines()[-1])


def prepare(db, env, options):
    if db == "postgresql":
        exists = run(["psql", "-tAq", f"{PG_SERVER}/postgres", "-c",
                      f"SELECT 1 FROM pg_database WHERE datname = '{PG_DATABASE}'"], env,
                     capture_output=True, text=True).stdout.strip() == "1"  # fmt: skip
        # --reuse-data keeps the database when there is one (a new machine has none).
        statements = [] if options.reuse_data and exists else [f"DROP DATABASE IF EXISTS {PG_DATABASE}"]
        if not (options.reuse_data and exists):
            statements.append(f"CREATE DATABASE {PG_DATABASE}")
        for sql in statements:
            run(["psql", "-q", f"{PG_SERVER}/postgres", "-c", sql], env)
    if db == "sqlite" and not options.reuse_data:
        (SCRATCH / "bench.sqlite3").unlink(missing_ok=True)
    log(f"{db}: migrate")
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    if article_count(env) < options.articles:
        log(f"{db}: generate_demo_data --articles {options.articles} (a few minutes)")
        run(
            [PYTHON, "manage.py", "generate_demo_data", "--articles", str(options.articles),
             "--parks", str(options.parks), "--enterprises", str(options.enterprises), "--seed", "42"],
            env,
        )  # fmt: skip
    if db == "postgresql":
        run(["psql", "-q", DATABASES[db], "-c", "VACUUM ANALYZE"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    # The message catalogs are not in git: without them every page would be measured untranslated.
    run([PYTHON, "manage.py", "compile_locales"], env, stdout=subprocess.DEVNULL)


def page_survey(env):
    """URLs, statuses and SQL query counts of every page, from the test client (page cache off)."""
    out = run([PYTHON, "-m", "bench.pages"], {**env, "PAGE_CACHE_SECONDS": "0"}, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def redis_flush():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


class Server:
    def __init__(self, env, port, log_path, app="bureau.wsgi", cwd=REPO, ready="/health/"):
        self.port = port
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
        self.log = open(log_path, "ab")
        self.process = None
        self.app, self.cwd, self.ready = app, cwd, ready

    def __enter__(self):
        self.process = subprocess.Popen(
            [GUNICORN, "-c", "python:bureau.gunicorn_conf", self.app],
            env=self.env, cwd=self.cwd, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url(self.ready), timeout=5) as response:
                    if response.status == 200 and len(self.workers()) == 2:
                        return self
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not answer on port {self.port}; see {self.log.name}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self):
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return sorted(children)

    def memory(self):
        """{pid: (VmRSS MB, VmHWM MB)} for each worker."""
        result = {}
        for pid in self.workers():
            values = {}
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith(("VmRSS:", "VmHWM:")):
                    name, kb = line.split()[:2]
                    values[name[:-1]] = int(kb) / 1024
            result[pid] = (values["VmRSS"], values["VmHWM"])
        return result

    def cache_status(self, path):
        try:
            with urllib.request.urlopen(self.url(path), timeout=120) as response:
                return response.headers.get("X-Cache")
        except urllib.error.HTTPError as error:
            return f"status {error.code}"

    def get(self, path):
        try:
            with urllib.request.urlopen(self.url(path), timeout=120) as response:
                response.read()
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


def hello_project():
    """A fresh ``django-admin startproject`` whose one view answers "ok": what a cached page is compared with.

    Its default middleware, DEBUG off, nothing else: the least a Django site does for a request.
    """
    project = SCRATCH / "hello"
    if not (project / "manage.py").exists():
        project.mkdir(parents=True, exist_ok=True)
        run([REPO / ".venv" / "bin" / "django-admin", "startproject", "hello", str(project)], dict(os.environ))
        settings = project / "hello" / "settings.py"
        settings.write_text(
            settings.read_text()
            .replace("DEBUG = True", "DEBUG = False")
            .replace("ALLOWED_HOSTS = []", 'ALLOWED_HOSTS = ["127.0.0.1", "localhost"]')
        )
        urls = project / "hello" / "urls.py"
        urls.write_text(
            urls.read_text() + "\nfrom django.http import HttpResponse  # noqa: E402\n\n"
            'urlpatterns.append(path("", lambda request: HttpResponse("ok", content_type="text/plain")))\n'
        )
    return project


def measure_hello(env, options, port):
    """The hello-world project under the same gunicorn settings (2 sync workers), measured like a page."""
    project = hello_project()
    hello_env = {
        key: value for key, value in env.items() if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    hello_env.update(DJANGO_SETTINGS_MODULE="hello.settings", PYTHONPATH=str(REPO))
    with Server(hello_env, port, SCRATCH / "gunicorn-hello.log", app="hello.wsgi", cwd=project, ready="/") as server:
        for _ in range(3):
            server.get("/")
        wrk(server, ["200 /"], options, duration=3)
        return wrk(server, ["200 /"], options)


def wrk(server, lines, options, duration=None):
    """Run wrk over ``lines`` ("<status> <path>") and return its JSON summary."""
    with tempfile.NamedTemporaryFile("w", suffix=".paths", dir=SCRATCH, delete=False) as paths:
        paths.write("\n".join(lines) + "\n")
    try:
        out = subprocess.run(
            ["wrk", f"-t{options.threads}", f"-c{options.connections}", f"-d{duration or options.duration}s",
             "--timeout", "60s", "-s", str(REPO / "bench" / "wrk.lua"), server.url("/")],
            env={**os.environ, "BENCH_PATHS_FILE": paths.name}, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(paths.name)
    line = next(line for line in out.splitlines() if line.startswith("BENCH_JSON "))
    result = json.loads(line.removeprefix("BENCH_JSON "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    statuses = {int(k): v for k, v in result["statuses"].items()}
    result["statuses"] = statuses
    result["non2xx"] = sum(n for status, n in statuses.items() if not 200 <= status < 300)
    return result


def mix_lines(survey, with_bad):
    valid = [f"200 {survey['pages'][name]['url']}" for name in PAGE_ORDER]
    lines = valid * 9 if with_bad else valid
    if with_bad:
        # 72 valid requests and 8 bad ones: one in ten, spread through the list.
        bad = [f"{info['expected']} {url}" for url, info in survey["bad"].items()]
        lines = [line for i in range(len(bad)) for line in (*lines[i * 9 : i * 9 + 9], bad[i])]
    return lines


def measure(db, mode, env, survey, options, port):
    """One gunicorn, all pages, ``options.passes`` times; the last pass's numbers and memory after each."""
    redis_flush()
    env = {**env, "PAGE_CACHE_SECONDS": "0" if mode == "cold" else WARM_PAGE_CACHE_SECONDS}
    names = ["ceiling", *PAGE_ORDER]
    with Server(env, port, SCRATCH / f"gunicorn-{db}-{mode}.log") as server:
        # Warm-up: imports, templates, connections in both workers; in "warm" mode this fills the page cache.
        for name in names:
            for _ in range(3):
                server.get(survey["pages"][name]["url"])
        wrk(server, mix_lines(survey, with_bad=False), options, duration=3)
        passes, memory = [], []
        for number in range(1, options.passes + 1):
            results = {}
            for name in names:
                results[name] = wrk(server, [f"200 {survey['pages'][name]['url']}"], options)
                log(f"{db} {mode} pass {number}: {name}: {results[name]['rps']:.1f} rps")
            results[MIX_VALID] = wrk(server, mix_lines(survey, with_bad=False), options)
            results[MIX_BAD] = wrk(server, mix_lines(survey, with_bad=True), options)
            # The ceiling again at the end of the pass; the better of the two counts (on a shared machine a
            # single short run can land on a busy moment, which would flatter every ratio).
            again = wrk(server, [f"200 {survey['pages']['ceiling']['url']}"], options)
            log(f"{db} {mode} pass {number}: ceiling again: {again['rps']:.1f} rps")
            if again["rps"] > results["ceiling"]["rps"]:
                results["ceiling"] = again
            passes.append(results)
            memory.append(server.memory())
        misses = 0
        if mode == "warm":
            # Every page must still be served from the cache at the end (no eviction, no new generation).
            misses = sum(1 for name in PAGE_ORDER if server.cache_status(survey["pages"][name]["url"]) != "hit")
    if mode == "warm":
        passes[-1][HELLO] = measure_hello(env, options, port)
        log(f"{db} {mode}: {HELLO}: {passes[-1][HELLO]['rps']:.1f} rps")
    return {"results": passes[-1], "memory": memory, "cache_misses_at_end": misses}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default="postgresql,sqlite", help="comma-separated: postgresql, sqlite")
    parser.add_argument("--reuse-data", action="store_true", help="keep the scratch databases of an earlier run")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--parks", type=int, default=500)
    parser.add_argument("--enterprises", type=int, default=20_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--passes", type=int, default=2, help="runs on the same workers (memory is read after each)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--modes", default="cold,warm")
    parser.add_argument("--keep", action="store_true", help="leave the scratch databases and files in place")
    options = parser.parse_args()

    ensure_wrk()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    report = [f"Run of {time.strftime('%Y-%m-%d %H:%M %Z')}: {os.cpu_count()} CPUs, wrk -t{options.threads} "
              f"-c{options.connections} -d{options.duration}s per row, {options.passes} passes, gunicorn 2 sync workers."]  # fmt: skip
    try:
        for db in options.db.split(","):
            env = base_env(DATABASES[db])
            prepare(db, env, options)
            survey = page_survey(env)
            for name, info in survey["pages"].items():
                log(f"{db}: {name} {info['url']} → {info['status']}, {info['queries']} queries")
            runs = {mode: measure(db, mode, env, survey, options, options.port) for mode in options.modes.split(",")}
            (SCRATCH / f"results-{db}.json").write_text(json.dumps({"survey": survey, "runs": runs}, default=str))
            report.append(table(db, survey, runs))
            print(report[-1], flush=True)
            (SCRATCH / f"results-{db}.json").write_text(json.dumps({"survey": survey, "runs": runs}, default=str))
    finally:
        if not options.keep:
            redis_flush()
            subprocess.run(["psql", "-q", f"{PG_SERVER}/postgres", "-c", f"DROP DATABASE IF EXISTS {PG_DATABASE}"])
            shutil.rmtree(SCRATCH, ignore_errors=True)
    print("\n\n".join(report))


if __name__ == "__main__":
    main()
