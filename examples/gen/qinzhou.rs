//! `--programme qinzhou`: a year (2026) of a made-up district, 青岭区, run
//! by the rules of Qinzhou's 联村联户 programme (`bangcun init --preset
//! qinzhou`): units (单位) linked to poor villages, cadres of those units
//! linked to households in hardship (帮扶户), visits with their days and
//! households, lectures (宣讲) and talks (谈心). Most quotas are met; some
//! are missed, as in any office: a unit that came too seldom or for too
//! few days, one that lectured once, a household visited once, a cadre
//! who talked without visiting long enough.
//!
//! Small on purpose, to be read whole: it is the sample the README shows
//! (`examples/qinzhou/`). Deterministic: the same seed gives the same
//! bytes. Nothing of the city and province generators is used but the
//! random generator, so their output is untouched.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::Rng;

/// The programme's rules, as `bangcun init --preset qinzhou` writes them.
const PRESET: &str = include_str!("../../src/presets/qinzhou.toml");

/// The made-up district: its code and name.
const DISTRICT: (&str, &str) = ("620599", "青岭区");

/// Its townships, each with its villages.
const TOWNSHIPS: [(&str, [&str; 4]); 3] = [
    ("石门镇", ["石门村", "杨家河村", "马坪村", "后川村"]),
    ("柳湾镇", ["柳湾村", "前进村", "王家岔村", "红崖村"]),
    ("东坪乡", ["东坪村", "高庄村", "李家沟村", "寺底村"]),
];

/// The linking units (their id, name) and the poor village each links,
/// as (township, village) indexes.
const UNITS: [(&str, &str, (usize, usize)); 5] = [
    ("D01", "区教育局", (0, 1)),
    ("D02", "区卫生健康局", (0, 3)),
    ("D03", "区农业农村局", (1, 2)),
    ("D04", "区住房和城乡建设局", (1, 3)),
    ("D05", "区人力资源和社会保障局", (2, 2)),
];

/// The cadres of each unit: two, linked to its village's households.
const CADRES: [(&str, &str); 10] = [
    ("G01", "张敏"),
    ("G02", "刘建华"),
    ("G03", "王芳"),
    ("G04", "赵国强"),
    ("G05", "陈丽"),
    ("G06", "杨志军"),
    ("G07", "李娟"),
    ("G08", "马小龙"),
    ("G09", "孙红梅"),
    ("G10", "周斌"),
];

/// Surnames and given names of the heads of households.
const SURNAMES: [&str; 8] = ["马", "杨", "王", "李", "赵", "张", "何", "苏"];
const GIVEN: [&str; 12] = [
    "二", "三", "有福", "长生", "金花", "秀英", "守仁", "满仓", "桂兰", "建平", "玉梅", "进财",
];

/// A day of 2026 as (month, day).
type MonthDay = (u32, u32);

/// A problem found: id, the cadre (by its place in [`CADRES`]) whose
/// first visit found it, category, summary, responsible unit, and the days
/// it took to rectify (`None`: not yet).
type Found = (
    &'static str,
    usize,
    &'static str,
    &'static str,
    &'static str,
    Option<i64>,
);

/// The leaves of the year: a training course and a sick leave (cadre,
/// first and last day as (month, day), reason); nobody visits on leave.
const LEAVES: [(&str, MonthDay, MonthDay, &str); 2] = [
    ("G03", (6, 8), (6, 19), "参加市委党校培训"),
    ("G08", (9, 14), (9, 18), "病假"),
];

/// A record of the year, as written.
struct Visit {
    date: NaiveDate,
    cadre: String,
    place: String,
    kind: &'static str,
    forums: u32,
    people: u32,
    note: &'static str,
    days: u32,
    household: Option<String>,
}

/// Writes the sample into `out`: `bangcun.toml`, `regions.csv`,
/// `cadres.csv`, `households.csv`, `visits.csv`, `problems.csv`,
/// `leaves.csv`; returns (cadres and units, households, visits).
pub fn write(out: &Path, seed: u64) -> io::Result<(usize, usize, usize)> {
    let mut rng = Rng::new(seed);
    fs::create_dir_all(out)?;
    // The preset, with the made-up district's name for its reports.
    let settings = PRESET.replace("name = \"秦州区联村联户\"", "name = \"青岭区联村联户\"");
    assert_ne!(settings, PRESET, "the preset names the programme");
    fs::write(out.join("bangcun.toml"), settings)?;

    let village_code = |t: usize, v: usize| format!("{}{}{}", DISTRICT.0, 101 + t, 201 + v);
    let mut regions = String::from("区划代码,名称,层级,上级代码\n");
    regions.push_str(&format!("{},{},县级,\n", DISTRICT.0, DISTRICT.1));
    for (t, (township, villages)) in TOWNSHIPS.iter().enumerate() {
        let code = format!("{}{}", DISTRICT.0, 101 + t);
        regions.push_str(&format!("{code},{township},乡级,{}\n", DISTRICT.0));
        for (v, village) in villages.iter().enumerate() {
            regions.push_str(&format!("{},{village},村级,{code}\n", village_code(t, v)));
        }
    }
    csv(out, "regions.csv", &regions)?;

    let mut cadres = String::from("编号,姓名,级别,单位,联系点,开始日期,结束日期\n");
    for (id, name, (t, v)) in UNITS {
        cadres.push_str(&format!(
            "{id},{name},单位,,{},2026-01-01,\n",
            village_code(t, v)
        ));
    }
    // Each unit's two cadres; the last one joined in April, so the year is
    // not owed by him.
    let mut cadre_unit = Vec::new();
    for (i, (id, name)) in CADRES.iter().enumerate() {
        let u = i / 2;
        let (_, unit, (t, v)) = UNITS[u];
        let start = if i == CADRES.len() - 1 {
            "2026-04-01"
        } else {
            "2026-01-01"
        };
        cadres.push_str(&format!(
            "{id},{name},县级,{unit},{},{start},\n",
            village_code(t, v)
        ));
        cadre_unit.push(u);
    }
    csv(out, "cadres.csv", &cadres)?;

    // Two households per cadre, in its unit's village; one moved away at
    // the end of August (its link ends: the year is not owed for it).
    let mut households =
        String::from("户编号,户主姓名,所在村（社区）,类型,联系干部,开始日期,结束日期\n");
    let mut linked: Vec<(String, usize, String)> = Vec::new();
    let mut heads = HashSet::new();
    for (c, (cadre, _)) in CADRES.iter().enumerate() {
        let (_, _, (t, v)) = UNITS[cadre_unit[c]];
        for k in 0..2 {
            let n = c * 2 + k + 1;
            let id = format!("F{n:02}");
            let head = loop {
                let head = format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN));
                if heads.insert(head.clone()) {
                    break head;
                }
            };
            let kind = if n % 7 == 0 {
                "其他"
            } else {
                "农村特困户"
            };
            let end = if n == 9 { "2026-08-31" } else { "" };
            households.push_str(&format!(
                "{id},{head},{},{kind},{cadre},2026-01-01,{end}\n",
                village_code(t, v)
            ));
            linked.push((id, c, village_code(t, v)));
        }
    }
    csv(out, "households.csv", &households)?;

    let mut visits: Vec<Visit> = Vec::new();
    let mut taken: HashSet<(NaiveDate, String)> = HashSet::new();
    // A working day of 2026 up to the end of November (bangcun finds a
    // later date in the future), free for that cadre.
    let mut free_day = |rng: &mut Rng, who: &str, from: u32, to: u32| loop {
        let month = rng.range(from as u16, to as u16) as u32;
        let d = day(month, u32::from(rng.range(1, 28)));
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        let away = LEAVES
            .iter()
            .any(|&(c, from, to, _)| c == who && day(from.0, from.1) <= d && d <= day(to.0, to.1));
        if !weekend && !away && taken.insert((d, who.to_string())) {
            break d;
        }
    };

    // Units: at least 4 stays and 30 days a year, 2 lectures among them;
    // D03 came three times, D05 lectured once.
    for (u, (id, _, (t, v))) in UNITS.iter().enumerate() {
        let stays = if u == 2 { 3 } else { 4 + rng.below(2) };
        let lectures = if u == 4 { 1 } else { 2 };
        for s in 0..stays {
            let from = 1 + (s as u32 * 11) / stays as u32;
            let d = free_day(&mut rng, id, from, (from + 2).min(11));
            let lecture = s < lectures;
            visits.push(Visit {
                date: d,
                cadre: id.to_string(),
                place: village_code(*t, *v),
                kind: if lecture { "宣讲" } else { "工作日下沉" },
                forums: u32::from(lecture),
                people: 20 + rng.below(40) as u32,
                note: if lecture {
                    "政策宣讲，村民代表参加"
                } else {
                    "驻村帮扶"
                },
                days: 7 + rng.below(4) as u32,
                household: None,
            });
        }
    }

    // Cadres: each household at least twice and 7 days a year, 2 talks
    // among them; F04 was visited once, F13 twice for 4 days, and G05
    // talked with F10 only once.
    for (h, c, place) in &linked {
        let cadre = CADRES[*c].0;
        let (times, short, talks) = match h.as_str() {
            "F04" => (1, false, 1),
            "F13" => (2, true, 2),
            "F10" => (2, false, 1),
            _ => (2 + rng.below(2), false, 2),
        };
        let start = if *c == CADRES.len() - 1 { 4 } else { 1 };
        for k in 0..times {
            let from = start + (k as u32 * (12 - start)) / times as u32;
            let d = free_day(&mut rng, cadre, from, (from + 2).min(11));
            let talk = k < talks;
            visits.push(Visit {
                date: d,
                cadre: cadre.to_string(),
                place: place.clone(),
                kind: if talk { "谈心" } else { "工作日下沉" },
                forums: 0,
                people: 1 + rng.below(3) as u32,
                note: if talk { "谈心交流" } else { "入户走访" },
                days: if short { 2 } else { 3 + rng.below(3) as u32 },
                household: Some(h.clone()),
            });
        }
    }
    visits.sort_by(|a, b| (a.date, &a.cadre).cmp(&(b.date, &b.cadre)));
    let mut text =
        String::from("日期,干部编号,地点代码,类型,座谈会场次,走访人次,备注,天数,走访户\n");
    for v in &visits {
        text.push_str(&format!(
            "{},{},{},{},{},{},{},{},{}\n",
            v.date,
            v.cadre,
            v.place,
            v.kind,
            v.forums,
            v.people,
            v.note,
            v.days,
            v.household.as_deref().unwrap_or("")
        ));
    }
    csv(out, "visits.csv", &text)?;

    // A few problems the cadres found in their villages.
    let mut problems = String::from(
        "问题编号,发现日期,地点代码,发现干部,来源,类别,问题描述,责任单位,整改时限,整改日期,销号日期,满意度\n",
    );
    let found: [Found; 4] = [
        (
            "QL-2026-001",
            0,
            "基础设施",
            "村道雨后塌方一处",
            "区交通运输局",
            Some(20),
        ),
        (
            "QL-2026-002",
            3,
            "民生服务",
            "特困户房屋漏雨",
            "区住房和城乡建设局",
            Some(12),
        ),
        (
            "QL-2026-003",
            5,
            "产业发展",
            "花椒合作社缺少冷库",
            "区农业农村局",
            None,
        ),
        (
            "QL-2026-004",
            8,
            "人居环境",
            "村口垃圾堆放",
            "东坪乡人民政府",
            Some(6),
        ),
    ];
    for (id, c, category, summary, unit, rectified) in found {
        let v = visits
            .iter()
            .find(|v| v.cadre == CADRES[c].0)
            .expect("each cadre has visits");
        let deadline = v.date + Duration::days(30);
        let (rectified, verified, satisfaction) = match rectified {
            Some(days) => {
                let r = v.date + Duration::days(days);
                (r.to_string(), (r + Duration::days(7)).to_string(), "满意")
            }
            None => (String::new(), String::new(), ""),
        };
        problems.push_str(&format!(
            "{id},{},{},{},干部排查,{category},{summary},{unit},{deadline},{rectified},{verified},{satisfaction}\n",
            v.date, v.place, CADRES[c].0
        ));
    }
    csv(out, "problems.csv", &problems)?;

    let mut leaves = String::from("干部编号,开始日期,结束日期,事由\n");
    for (cadre, from, to, reason) in LEAVES {
        let (from, to) = (day(from.0, from.1), day(to.0, to.1));
        leaves.push_str(&format!("{cadre},{from},{to},{reason}\n"));
    }
    csv(out, "leaves.csv", &leaves)?;
    Ok((UNITS.len() + CADRES.len(), linked.len(), visits.len()))
}

/// A day of 2026.
fn day(month: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, month, d).expect("a day of 2026")
}

/// Writes a CSV file as `bangcun fmt` would: UTF-8 with a BOM.
fn csv(out: &Path, name: &str, text: &str) -> io::Result<()> {
    let mut file = fs::File::create(out.join(name))?;
    file.write_all("\u{feff}".as_bytes())?;
    file.write_all(text.as_bytes())
}
