#!/usr/bin/env python3
"""Times `bangcun report summary` against the same summary in DuckDB SQL.

Makes the province-scale data (examples/gen.rs) unless it is there, builds
bangcun in release mode, then times, over several runs each:

  * `bangcun report summary --as-of D --format json`, end to end: a fresh
    process that loads, validates, computes and prints;
  * DuckDB computing the same figures with SQL straight from the same CSV
    files (a fresh in-memory database per run, all cores, timed from
    connecting to the fetched result; Python's start and `import duckdb`
    are not counted).

It prints both medians and their ratio, and checks that the two agree on
every figure of every county and of the total. DuckDB does no validation:
the SQL trusts the data, which bangcun does not, so the comparison favours
DuckDB.

    python3 benches/summary_vs_duckdb.py [--data DIR] [--runs N] [--as-of DATE]
"""

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANGCUN = ROOT / "target" / "release" / "bangcun"

# docs/data.md: the Chinese alias of each English field name, per kind.
ALIASES = {
    "regions": {"区划代码": "code", "名称": "name", "层级": "level", "上级代码": "parent"},
    "cadres": {
        "编号": "id", "姓名": "name", "级别": "level", "单位": "unit",
        "联系点": "points", "开始日期": "start", "结束日期": "end",
    },
    "visits": {
        "日期": "date", "干部编号": "cadre", "地点代码": "place", "类型": "kind",
        "座谈会场次": "forums", "走访人次": "people", "备注": "note",
    },
    "problems": {
        "问题编号": "id", "发现日期": "found", "地点代码": "place", "发现干部": "cadre",
        "来源": "source", "类别": "category", "问题描述": "summary", "责任单位": "unit",
        "整改时限": "deadline", "整改日期": "rectified", "销号日期": "verified",
        "满意度": "satisfaction",
    },
    "leaves": {"干部编号": "cadre", "开始日期": "from", "结束日期": "to", "事由": "reason"},
}

# The figures compared, in the order of docs/reports.md.
KEYS = [
    "cadres", "townships", "townships_covered", "villages", "villages_covered",
    "workdays_due", "workdays_attended", "attendance_rate", "visits", "forums",
    "people", "problems", "rectified", "rectification_rate", "new_problems",
    "new_rectified", "overdue", "revisit_lagging", "identification_rate",
    "satisfaction_rate",
]


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
            f"load average {load} (other work on the machine slows both)")


def ensure_duckdb():
    try:
        import duckdb  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "duckdb"], check=True)
    import duckdb

    return duckdb


def ensure_data(data):
    if not (data / "bangcun.toml").is_file():
        print(f"making the province data in {data} …", flush=True)
        subprocess.run(
            ["cargo", "run", "--release", "--example", "gen", "--",
             "--seed", "1", "--scale", "province", str(data)],
            cwd=ROOT, check=True,
        )


def run_bangcun(data, as_of):
    """One run: (seconds, peak RSS in KiB, parsed JSON)."""
    args = [str(BANGCUN), "report", "summary", "--data", str(data),
            "--as-of", as_of, "--format", "json"]
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"bangcun exited with {proc.returncode}")
    return seconds, usage.ru_maxrss, json.loads(out)


def source(data, kind):
    """A SELECT over a kind's CSV files with English column names, all text."""
    files = [data / f"{kind}.csv"] if (data / f"{kind}.csv").is_file() else []
    files += sorted((data / kind).rglob("*.csv")) if (data / kind).is_dir() else []
    if not files:
        return None
    header = files[0].read_text(encoding="utf-8-sig").split("\n", 1)[0].strip().split(",")
    columns = ", ".join(
        f'"{h}" AS "{ALIASES[kind].get(h, h)}"' for h in header
    )
    paths = ", ".join(f"'{f}'" for f in files)
    return (f"SELECT {columns} FROM read_csv([{paths}], header = true, "
            f"all_varchar = true, union_by_name = true)")


def workday_rows(config):
    """The work days of each level, 2000–2099, moved days applied: this is
    configuration, not data, so it is worked out here and handed to SQL."""
    workdays = config.get("workdays", {})
    moved = {dt.date.fromisoformat(str(k)): v for k, v in workdays.get("moved", {}).items()}
    rows = set()
    for level, default in (("city", [10]), ("county", [20]), ("township", [20])):
        for year in range(2000, 2100):
            for month in range(1, 13):
                for day in workdays.get(level, default):
                    try:
                        original = dt.date(year, month, day)
                    except ValueError:
                        continue  # the 31st in April is no work day
                    rows.add((level, moved.get(original, original)))
    return sorted(rows)


def summary_sql(data, config, as_of):
    deadlines = config.get("deadlines", {})
    default_days = deadlines.get("days", 30)
    by_category = " ".join(
        f"WHEN '{c}' THEN {n}" for c, n in deadlines.get("category", {}).items()
    )
    deadline_days = f"CASE category {by_category} ELSE {default_days} END" if by_category else str(default_days)
    revisit_days = config.get("revisit", {}).get("days", 15)
    leaves = source(data, "leaves") or "SELECT NULL AS cadre, NULL AS \"from\", NULL AS \"to\" WHERE false"
    d = f"DATE '{as_of}'"
    return f"""
WITH
reg AS (
  SELECT code, name, CASE level WHEN '县级' THEN 'county' WHEN '乡级' THEN 'township'
                     WHEN '村级' THEN 'village' ELSE lower(level) END AS level, parent
  FROM ({source(data, "regions")})
),
county_of AS (
  SELECT code, code AS county, level FROM reg WHERE level = 'county'
  UNION ALL SELECT code, parent, level FROM reg WHERE level = 'township'
  UNION ALL SELECT v.code, t.parent, v.level FROM reg v JOIN reg t ON v.parent = t.code
    WHERE v.level = 'village'
),
cad AS (
  SELECT id,
         CASE level WHEN '市级' THEN 'city' WHEN '县级' THEN 'county'
                    WHEN '乡级' THEN 'township' ELSE lower(level) END AS level,
         regexp_split_to_array(points, '[;；、,，]') AS points,
         TRY_CAST(start AS DATE) AS start, TRY_CAST("end" AS DATE) AS stop
  FROM ({source(data, "cadres")})
),
vis AS (
  SELECT CAST(date AS DATE) AS date, cadre, place,
         coalesce(TRY_CAST(forums AS INTEGER), 0) AS forums,
         coalesce(TRY_CAST(people AS INTEGER), 0) AS people
  FROM ({source(data, "visits")})
  WHERE CAST(date AS DATE) <= {d}
),
period AS (SELECT date_trunc('month', min(date))::DATE AS start FROM vis),
prob AS (
  SELECT place, CAST(found AS DATE) AS found, source, category,
         TRY_CAST(deadline AS DATE) AS deadline, TRY_CAST(rectified AS DATE) AS rectified,
         TRY_CAST(verified AS DATE) AS verified, satisfaction
  FROM ({source(data, "problems")})
),
lv AS (SELECT cadre, CAST("from" AS DATE) AS start, CAST("to" AS DATE) AS stop FROM ({leaves})),
wd(level, day) AS (VALUES {", ".join(f"('{l}', DATE '{x}')" for l, x in workday_rows(config))}),
home AS (
  SELECT c.*, co.county FROM cad c JOIN county_of co ON co.code = trim(c.points[1])
),
due AS (
  SELECT h.id, h.county, w.day FROM home h JOIN wd w ON w.level = h.level, period p
  WHERE w.day BETWEEN p.start AND {d}
    AND (h.start IS NULL OR h.start <= w.day) AND (h.stop IS NULL OR w.day <= h.stop)
    AND NOT EXISTS (SELECT 1 FROM lv WHERE lv.cadre = h.id AND w.day BETWEEN lv.start AND lv.stop)
),
visited AS (SELECT DISTINCT cadre, date FROM vis),
attendance AS (
  SELECT due.county, count(*) AS due, count(visited.cadre) AS attended
  FROM due LEFT JOIN visited ON visited.cadre = due.id AND visited.date = due.day
  GROUP BY due.county
),
active AS (
  SELECT * FROM home WHERE (start IS NULL OR start <= {d}) AND (stop IS NULL OR stop >= {d})
),
covered AS (SELECT DISTINCT trim(p) AS code FROM active, unnest(points) AS t(p)),
regions AS (
  SELECT co.county,
         count(*) FILTER (WHERE co.level = 'township') AS townships,
         count(*) FILTER (WHERE co.level = 'township' AND cv.code IS NOT NULL) AS townships_covered,
         count(*) FILTER (WHERE co.level = 'village') AS villages,
         count(*) FILTER (WHERE co.level = 'village' AND cv.code IS NOT NULL) AS villages_covered
  FROM county_of co LEFT JOIN covered cv ON cv.code = co.code
  GROUP BY co.county
),
flows AS (
  SELECT co.county, count(*) AS visits, sum(forums) AS forums, sum(people) AS people
  FROM vis JOIN county_of co ON co.code = vis.place, period p
  WHERE vis.date >= p.start
  GROUP BY co.county
),
ledger AS (
  SELECT co.county, pr.*,
         pr.rectified IS NOT NULL AND pr.rectified <= {d} AS done,
         coalesce(pr.deadline, pr.found + to_days({deadline_days})) AS due_by
  FROM prob pr JOIN county_of co ON co.code = pr.place
  WHERE pr.found <= {d}
),
problems AS (
  SELECT county,
         count(*) AS problems,
         count(*) FILTER (WHERE done) AS rectified,
         count(*) FILTER (WHERE found >= (SELECT start FROM period)) AS new_problems,
         count(*) FILTER (WHERE done AND rectified >= (SELECT start FROM period)) AS new_rectified,
         count(*) FILTER (WHERE NOT done AND due_by < {d}) AS overdue,
         count(*) FILTER (WHERE rectified + to_days({revisit_days}) <= {d}
                          AND (verified IS NULL OR verified > {d})) AS revisit_lagging,
         count(*) FILTER (WHERE coalesce(source, '干部排查') IN ('干部排查', 'cadre')) AS by_cadre,
         count(*) FILTER (WHERE done AND satisfaction IS NOT NULL) AS rated,
         count(*) FILTER (WHERE done AND satisfaction IN ('满意', '基本满意', 'satisfied', 'basic')) AS satisfied
  FROM ledger GROUP BY county
),
cadres AS (SELECT county, count(*) AS cadres FROM active GROUP BY county),
rows AS (
  SELECT c.code AS county_code,
         coalesce(k.cadres, 0) AS cadres,
         coalesce(r.townships, 0) AS townships, coalesce(r.townships_covered, 0) AS townships_covered,
         coalesce(r.villages, 0) AS villages, coalesce(r.villages_covered, 0) AS villages_covered,
         coalesce(a.due, 0) AS workdays_due, coalesce(a.attended, 0) AS workdays_attended,
         coalesce(f.visits, 0) AS visits, coalesce(f.forums, 0) AS forums, coalesce(f.people, 0) AS people,
         coalesce(p.problems, 0) AS problems, coalesce(p.rectified, 0) AS rectified,
         coalesce(p.new_problems, 0) AS new_problems, coalesce(p.new_rectified, 0) AS new_rectified,
         coalesce(p.overdue, 0) AS overdue, coalesce(p.revisit_lagging, 0) AS revisit_lagging,
         coalesce(p.by_cadre, 0) AS by_cadre, coalesce(p.rated, 0) AS rated,
         coalesce(p.satisfied, 0) AS satisfied
  FROM reg c
  LEFT JOIN cadres k ON k.county = c.code LEFT JOIN regions r ON r.county = c.code
  LEFT JOIN attendance a ON a.county = c.code LEFT JOIN flows f ON f.county = c.code
  LEFT JOIN problems p ON p.county = c.code
  WHERE c.level = 'county'
),
everything AS (
  SELECT * FROM rows
  UNION ALL
  SELECT NULL, sum(cadres), sum(townships), sum(townships_covered), sum(villages),
         sum(villages_covered), sum(workdays_due), sum(workdays_attended), sum(visits),
         sum(forums), sum(people), sum(problems), sum(rectified), sum(new_problems),
         sum(new_rectified), sum(overdue), sum(revisit_lagging), sum(by_cadre), sum(rated),
         sum(satisfied)
  FROM rows
)
SELECT county_code, cadres, townships, townships_covered, villages, villages_covered,
       workdays_due, workdays_attended,
       round(workdays_attended / nullif(workdays_due, 0), 4) AS attendance_rate,
       visits, forums, people, problems, rectified,
       round(rectified / nullif(problems, 0), 4) AS rectification_rate,
       new_problems, new_rectified, overdue, revisit_lagging,
       round(by_cadre / nullif(problems, 0), 4) AS identification_rate,
       round(satisfied / nullif(rated, 0), 4) AS satisfaction_rate
FROM everything ORDER BY county_code NULLS LAST
"""


def run_duckdb(duckdb, sql):
    """One run: (seconds, rows as dicts keyed like report summary)."""
    start = time.perf_counter()
    con = duckdb.connect()
    cur = con.execute(sql)
    names = [c[0] for c in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    seconds = time.perf_counter() - start
    con.close()
    return seconds, rows


def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9


def compare(doc, rows):
    """Differences between bangcun's JSON and DuckDB's rows."""
    ours = {r["county_code"]: r for r in doc["rows"]}
    ours[None] = doc["total"]
    theirs = {r["county_code"]: r for r in rows}
    diffs = []
    if set(ours) != set(theirs):
        diffs.append(f"counties differ: {sorted(set(ours) ^ set(theirs), key=str)}")
    for code in sorted(set(ours) & set(theirs), key=lambda c: (c is None, c or "")):
        for key in KEYS:
            if not same(ours[code][key], theirs[code][key]):
                diffs.append(f"{code or 'total'} {key}: bangcun {ours[code][key]}, duckdb {theirs[code][key]}")
    return diffs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/bangcun-bench-province"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--as-of", default="2026-10-31")
    args = parser.parse_args()
    data = args.data.resolve()

    duckdb = ensure_duckdb()
    ensure_data(data)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    config = tomllib.loads((data / "bangcun.toml").read_text(encoding="utf-8"))
    sql = summary_sql(data, config, args.as_of)

    print(f"machine: {machine()}")
    print(f"data:    {data}, as of {args.as_of}, whole period, {args.runs} runs each")
    run_bangcun(data, args.as_of)  # warm the page cache for both
    ours = [run_bangcun(data, args.as_of) for _ in range(args.runs)]
    theirs = [run_duckdb(duckdb, sql) for _ in range(args.runs)]

    b = statistics.median(s for s, _, _ in ours)
    d = statistics.median(s for s, _ in theirs)
    peak = max(kib for _, kib, _ in ours) / 1024
    fmt = lambda xs: " ".join(f"{x:.3f}" for x in xs)
    print(f"bangcun report summary: median {b:.3f} s  (runs {fmt(s for s, _, _ in ours)}; peak {peak:.0f} MiB)")
    print(f"duckdb {duckdb.__version__} SQL:      median {d:.3f} s  (runs {fmt(s for s, _ in theirs)})")
    print(f"ratio:  duckdb / bangcun = {d / b:.1f}x")
    diffs = compare(ours[0][2], theirs[0][1])
    if diffs:
        print(f"figures DIFFER ({len(diffs)}):")
        for line in diffs[:20]:
            print("  " + line)
        sys.exit(1)
    print(f"figures: the same for all {len(theirs[0][1]) - 1} counties and the total ({len(KEYS)} keys each)")


if __name__ == "__main__":
    main()
