//! Synthetic data generator for bangcun (联乡帮村 record-keeping checker).
//!
//! Writes a complete, believable data folder covering one programme year
//! (2025-11-01 to 2026-10-31): `bangcun.toml`, `regions.csv`, `cadres.csv`,
//! twelve monthly `visits/YYYY-MM.csv` logs, `problems.csv`,
//! `leaves.csv`, and the ratings of the villages and the reviews of the
//! cadres for 2025 (`ratings.csv`, `reviews.csv`), with the Chinese
//! headers and values clerks actually type.
//! The data is built so that the checker finds no errors and no warnings,
//! while the reports still have something to show: missed work days,
//! leaves, mid-year replacements, overdue and slowly verified problems.
//!
//! Run from the crate root:
//!
//! ```text
//! cargo run --release --example gen -- --seed 1 --scale city /tmp/bangcun-city
//! cargo run --release --example gen -- --seed 1 --scale province /tmp/bangcun-henan
//! ```
//!
//! `--scale city` (default) uses the Xuchang region list (~2,700 cadres,
//! ~57K visits); `--scale province` uses all of Henan (~57K cadres, ~1.2M
//! visits). `--seed` defaults to 1. The same seed and scale always give
//! byte-identical files. Only `std` and `chrono` are used; the random
//! generator is a hand-written xoshiro256** seeded through SplitMix64.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Xuchang (许昌市) region list, used at city scale.
const XUCHANG: &str = include_str!("regions/xuchang.csv");
/// Henan (河南省) region list, used at province scale.
const HENAN: &str = include_str!("regions/henan.csv");

/// Number of days in the programme year, 2025-11-01 ..= 2026-10-31.
const YEAR: u16 = 365;
/// Days past the year still held in the calendar, so deadlines and
/// rectification dates can run past the end before being dropped.
const TAIL: u16 = 180;

/// Visit types (类型); index 0 is the work-day visit.
const KINDS: [&str; 6] = ["工作日下沉", "接访", "座谈会", "主题党日", "回访", "其他"];
/// Index of 工作日下沉 in [`KINDS`].
const WORKDAY: u8 = 0;
/// Index of 回访 in [`KINDS`].
const REVISIT: u8 = 4;
/// Relative weights of the non-work-day visit types (接访 … 其他).
const OTHER_KIND_WEIGHTS: [u32; 5] = [25, 22, 15, 13, 25];

/// Short notes (备注) per visit type, used for a minority of visits.
const NOTES: [&[&str]; 6] = [
    &[
        "走访脱贫户和监测户",
        "与村两委干部座谈",
        "查看人居环境整治情况",
        "宣讲惠民政策",
        "排查安全隐患",
        "了解小麦播种情况",
        "走访留守老人",
        "查看项目建设进度",
        "督导秋粮收购",
    ],
    &["接待群众来访", "受理土地纠纷诉求", "协调宅基地矛盾"],
    &[
        "召开党员群众座谈会",
        "听取村民意见建议",
        "征求村规民约修订意见",
    ],
    &["参加支部主题党日活动", "讲专题党课"],
    &["问题整改回访", "回访信访群众"],
    &["协助开展防汛工作", "参加村集体经济研讨", "督导森林防火"],
];

/// Problem categories (类别), in the order written to `bangcun.toml`.
const CATEGORIES: [&str; 7] = [
    "基础设施",
    "产业发展",
    "信访稳定",
    "安全生产",
    "基层党建",
    "人居环境",
    "民生服务",
];
/// Relative frequency of each category.
const CATEGORY_WEIGHTS: [u32; 7] = [25, 12, 8, 10, 7, 20, 18];
/// Index of 安全生产, whose default deadline is 7 days instead of 30.
const SAFETY: usize = 3;

/// Problem summaries per category; combined with a spot and a tail for variety.
const PHRASES: [&[&str]; 7] = [
    &[
        "村内主干道路面破损，雨天积水",
        "生产路坑洼不平，农机通行困难",
        "排水沟渠淤塞，汛期易内涝",
        "路灯损坏未及时修复",
        "自来水管网老化，经常停水",
        "机井损坏，灌溉用水困难",
        "桥梁护栏缺失",
        "通组道路未硬化",
        "电力线路老化，存在私拉乱接",
        "村卫生室房屋漏雨",
    ],
    &[
        "村集体经济收入偏低",
        "帮扶车间闲置",
        "特色种植缺乏销售渠道",
        "土地流转合同不规范",
        "光伏电站收益分配不透明",
        "合作社运营不规范",
        "高标准农田配套设施损坏",
        "农产品价格下跌，群众增收困难",
    ],
    &[
        "宅基地纠纷长期未化解",
        "邻里土地边界纠纷",
        "征地补偿款发放有争议",
        "农民工工资拖欠",
        "土地承包经营权纠纷",
        "重复信访问题未化解",
        "低保评定有异议",
    ],
    &[
        "自建房存在消防隐患",
        "电动车违规停放充电",
        "燃气管道老化",
        "坑塘未设置警示标志",
        "废弃机井未封填",
        "小作坊存在生产安全隐患",
        "危房仍有人居住",
        "农村客运车辆超载",
    ],
    &[
        "村两委会议记录不规范",
        "三会一课落实不到位",
        "党员发展程序不规范",
        "村务公开不及时",
        "党群服务中心利用率低",
        "软弱涣散党组织整顿进展慢",
        "流动党员管理不到位",
    ],
    &[
        "垃圾清运不及时",
        "坑塘水体发黑发臭",
        "房前屋后柴草乱堆乱放",
        "残垣断壁未清理",
        "户厕改造后使用率低",
        "生活污水直排",
        "畜禽粪污随意堆放",
        "田间秸秆焚烧",
    ],
    &[
        "低保户信息更新不及时",
        "独居老人缺乏照料",
        "医保缴费宣传不到位",
        "村卫生室药品短缺",
        "留守儿童关爱不足",
        "养老保险资格认证困难",
        "残疾人补贴发放滞后",
        "适龄儿童上学路途远",
    ],
];
/// Where in a village a physical problem was seen.
const SPOTS: [&str; 12] = [
    "村东头",
    "村西头",
    "村南",
    "村北",
    "一组",
    "二组",
    "三组",
    "四组",
    "五组",
    "六组",
    "村小学附近",
    "村委会门前",
];
/// Optional endings that clerks add to a summary.
const TAILS: [&str; 3] = ["，群众反映强烈", "，群众多次反映", "，尚未彻底解决"];

/// Problem sources (来源); index 0 requires a 发现干部.
const SOURCES: [&str; 3] = ["干部排查", "督导暗访", "群众信访"];
/// Satisfaction values (满意度).
const RATINGS: [&str; 3] = ["满意", "基本满意", "不满意"];

/// City-level units; `@` stands for the city name.
const CITY_UNITS: [&str; 28] = [
    "@公安局",
    "@发展和改革委员会",
    "@财政局",
    "@教育局",
    "@民政局",
    "@人力资源和社会保障局",
    "@自然资源和规划局",
    "@生态环境局",
    "@住房和城乡建设局",
    "@交通运输局",
    "@水利局",
    "@农业农村局",
    "@商务局",
    "@文化广电和旅游局",
    "@卫生健康委员会",
    "@应急管理局",
    "@市场监督管理局",
    "@审计局",
    "@统计局",
    "@医疗保障局",
    "@信访局",
    "@退役军人事务局",
    "@司法局",
    "@城市管理局",
    "中共@委组织部",
    "中共@委宣传部",
    "中共@委统战部",
    "中共@委政法委员会",
];
/// County-level units; `@` stands for the county name.
const COUNTY_UNITS: [&str; 22] = [
    "@农业农村局",
    "@住建局",
    "@教育局",
    "@财政局",
    "@自然资源局",
    "@水利局",
    "@卫健委",
    "@民政局",
    "@交通运输局",
    "@应急管理局",
    "@市场监管局",
    "@公安局",
    "@人社局",
    "@司法局",
    "@审计局",
    "@统计局",
    "@商务局",
    "@文广旅局",
    "@信访局",
    "中共@委组织部",
    "中共@委宣传部",
    "中共@委政法委",
];
/// County departments answerable for each problem category (`@` = county).
const CATEGORY_UNITS: [&[&str]; 7] = [
    &["@交通运输局", "@住建局", "@水利局"],
    &["@农业农村局", "@商务局"],
    &["@信访局", "@司法局"],
    &["@应急管理局", "@住建局", "@消防救援大队"],
    &["中共@委组织部"],
    &["@住建局", "@城市管理局", "@生态环境分局"],
    &["@民政局", "@人社局", "@卫健委", "@医保局", "@教育局"],
];

/// Common surnames, most frequent first (weights follow the order).
const SURNAMES: [&str; 60] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "程", "曹", "袁",
    "邓", "许", "傅", "沈", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎",
    "潘", "杜", "田", "任", "姜", "范", "方", "石", "姚", "郝", "常", "乔",
];
/// Characters used in given names.
const GIVEN: [&str; 80] = [
    "建", "国", "军", "伟", "华", "明", "强", "磊", "洋", "勇", "杰", "涛", "斌", "超", "鹏", "辉",
    "刚", "平", "波", "红", "丽", "敏", "静", "燕", "霞", "艳", "娟", "芳", "玲", "萍", "秀", "英",
    "丹", "婷", "雪", "慧", "梅", "琳", "晓", "志", "文", "海", "东", "林", "峰", "亮", "鑫", "宇",
    "浩", "凯", "俊", "帅", "振", "永", "春", "玉", "新", "利", "成", "庆", "宏", "卫", "世", "保",
    "书", "中", "学", "金", "光", "正", "德", "旭", "彬", "博", "瑞", "阳", "飞", "龙", "松", "云",
];

/// Seeded xoshiro256** generator (no external crates, stable across platforms).
struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// Expands a seed into the generator state with SplitMix64.
    fn new(seed: u64) -> Rng {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng {
            s: [next(), next(), next(), next()],
        }
    }

    /// Next 64 random bits.
    fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform integer in `0..n` (`n > 0`), by multiply-shift.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform integer in `lo..=hi`.
    fn range(&mut self, lo: u16, hi: u16) -> u16 {
        lo + self.below(usize::from(hi - lo) + 1) as u16
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) < p * (1u64 << 53) as f64
    }

    /// A uniformly chosen element of a non-empty slice.
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }

    /// An index drawn with the given relative weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }

    /// Fisher–Yates shuffle.
    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }
}

/// Which region list to use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scale {
    City,
    Province,
}

/// Parsed command line.
struct Args {
    seed: u64,
    scale: Scale,
    out: PathBuf,
}

/// Usage text printed for `--help` and on bad arguments.
const USAGE: &str = "usage: cargo run --release --example gen -- [--seed N] [--scale city|province] OUT\n\
    \n  --seed N      random seed (default 1)\n  \
    --scale S     city (许昌市, default) or province (河南省)\n  \
    OUT           data folder to create or overwrite\n";

/// Parses `std::env::args`; `Ok(None)` means help was requested.
fn parse_args() -> Result<Option<Args>, String> {
    let mut seed = 1;
    let mut scale = Scale::City;
    let mut out = None;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        // Accept both `--seed 7` and `--seed=7`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--seed" => {
                let v = inline.or_else(|| it.next()).ok_or("--seed needs a value")?;
                seed = v.parse().map_err(|_| format!("bad seed: {v}"))?;
            }
            "--scale" => {
                let v = inline
                    .or_else(|| it.next())
                    .ok_or("--scale needs a value")?;
                scale = match v.as_str() {
                    "city" => Scale::City,
                    "province" => Scale::Province,
                    _ => return Err(format!("bad scale: {v}")),
                };
            }
            f if f.starts_with('-') && f.len() > 1 => return Err(format!("unknown option: {f}")),
            _ => {
                if out.is_some() {
                    return Err("only one OUT folder may be given".to_string());
                }
                out = Some(PathBuf::from(arg));
            }
        }
    }
    let out = out.ok_or("missing OUT folder")?;
    Ok(Some(Args { seed, scale, out }))
}

/// Day-indexed facts about the programme year (day 0 = 2025-11-01).
struct Calendar {
    /// `YYYY-MM-DD` for every day in the year and the tail.
    text: Vec<String>,
    /// `YYYYMM` for every day, used in problem ids.
    yyyymm: Vec<String>,
    /// Saturday or Sunday.
    weekend: Vec<bool>,
    /// Public holiday (春节, 国庆 …) on which nobody visits by choice.
    holiday: Vec<bool>,
    /// Month index 0..12 within the year.
    month: Vec<usize>,
    /// First day of each month.
    month_start: [u16; 12],
    /// City-level work day of each month (the 10th).
    city_day: [u16; 12],
    /// County/township work day of each month (the 20th, moved in February).
    local_day: [u16; 12],
    /// Any level's work day: ordinary visits avoid these dates.
    any_workday: Vec<bool>,
}

impl Calendar {
    /// Builds the calendar for 2025-11-01 ..= 2026-10-31 plus [`TAIL`].
    fn new() -> Calendar {
        let first = NaiveDate::from_ymd_opt(2025, 11, 1).expect("valid date");
        let n = usize::from(YEAR + TAIL);
        let mut cal = Calendar {
            text: Vec::with_capacity(n),
            yyyymm: Vec::with_capacity(n),
            weekend: Vec::with_capacity(n),
            holiday: Vec::with_capacity(n),
            month: Vec::with_capacity(n),
            month_start: [0; 12],
            city_day: [0; 12],
            local_day: [0; 12],
            any_workday: vec![false; n],
        };
        // Official 2026 holidays (approximate), during which routine visits pause.
        let holidays = [
            ((2026, 1, 1), (2026, 1, 3)),
            ((2026, 2, 15), (2026, 2, 23)),
            ((2026, 4, 4), (2026, 4, 6)),
            ((2026, 5, 1), (2026, 5, 5)),
            ((2026, 6, 19), (2026, 6, 21)),
            ((2026, 9, 25), (2026, 9, 27)),
            ((2026, 10, 1), (2026, 10, 7)),
        ];
        for i in 0..n {
            let d = first + Duration::days(i as i64);
            let (y, m, dom) = (d.year(), d.month(), d.day());
            cal.text.push(d.format("%Y-%m-%d").to_string());
            cal.yyyymm.push(format!("{y}{m:02}"));
            cal.weekend
                .push(matches!(d.weekday(), Weekday::Sat | Weekday::Sun));
            cal.holiday.push(holidays.iter().any(|&(a, b)| {
                let key = (y, m, dom);
                key >= a && key <= b
            }));
            let mi = ((y - 2025) * 12 + m as i32 - 11) as usize;
            cal.month.push(mi);
            if mi < 12 {
                let day = i as u16;
                match dom {
                    1 => cal.month_start[mi] = day,
                    10 => cal.city_day[mi] = day,
                    20 => cal.local_day[mi] = day,
                    _ => {}
                }
            }
        }
        // bangcun.toml moves 2026-02-20 (Spring Festival break) to 2026-02-24.
        let moved = (NaiveDate::from_ymd_opt(2026, 2, 24).expect("valid date") - first).num_days();
        cal.local_day[3] = moved as u16;
        for m in 0..12 {
            cal.any_workday[usize::from(cal.city_day[m])] = true;
            cal.any_workday[usize::from(cal.local_day[m])] = true;
        }
        cal
    }

    /// The work days a cadre of this rank is expected to attend.
    fn workdays(&self, rank: Rank) -> &[u16; 12] {
        match rank {
            Rank::City => &self.city_day,
            Rank::County | Rank::Township => &self.local_day,
        }
    }

    /// A plain weekday suitable for routine visits.
    fn quiet(&self, d: u16) -> bool {
        let d = usize::from(d);
        !self.weekend[d] && !self.holiday[d] && !self.any_workday[d]
    }

    /// Moves a date off weekends and holidays, to the next office day.
    fn office_day_on_or_after(&self, mut d: u16) -> u16 {
        while usize::from(d) < self.weekend.len()
            && (self.weekend[usize::from(d)] || self.holiday[usize::from(d)])
        {
            d += 1;
        }
        d
    }
}

/// Administrative level of a region row.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    County,
    Township,
    Village,
}

/// One row of the region list.
struct Region {
    code: &'static str,
    name: &'static str,
    level: Level,
    /// Index of the parent region (`usize::MAX` for counties).
    parent: usize,
}

/// The region tree.
struct Geo {
    regions: Vec<Region>,
    townships: Vec<usize>,
    villages: Vec<usize>,
    /// Direct children: townships of a county, villages of a township.
    children: Vec<Vec<usize>>,
}

impl Geo {
    /// Parses an embedded `code,name,level,parent` list.
    fn parse(text: &'static str) -> Geo {
        let mut regions = Vec::new();
        let mut parents = Vec::new();
        for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
            let f: Vec<&'static str> = line.split(',').collect();
            assert_eq!(f.len(), 4, "bad region row: {line}");
            let level = match f[2] {
                "county" => Level::County,
                "township" => Level::Township,
                "village" => Level::Village,
                other => panic!("unknown level {other} in: {line}"),
            };
            regions.push(Region {
                code: f[0],
                name: f[1],
                level,
                parent: usize::MAX,
            });
            parents.push(f[3]);
        }
        let index: HashMap<&str, usize> = regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.code, i))
            .collect();
        let mut children = vec![Vec::new(); regions.len()];
        for (i, p) in parents.iter().enumerate() {
            if !p.is_empty() {
                let pi = index[p];
                regions[i].parent = pi;
                children[pi].push(i);
            }
        }
        let of = |level| {
            (0..regions.len())
                .filter(|&i| regions[i].level == level)
                .collect::<Vec<_>>()
        };
        let townships = of(Level::Township);
        let villages = of(Level::Village);
        Geo {
            regions,
            townships,
            villages,
            children,
        }
    }

    /// The township a village or township belongs to.
    fn township_of(&self, i: usize) -> usize {
        match self.regions[i].level {
            Level::Village => self.regions[i].parent,
            _ => i,
        }
    }

    /// The county a township or village belongs to.
    fn county_of(&self, i: usize) -> usize {
        match self.regions[i].level {
            Level::County => i,
            _ => self.regions[self.township_of(i)].parent,
        }
    }

    /// The prefecture-level city of a county, for naming 市级 units.
    fn city_name(&self, county: usize) -> &'static str {
        let r = &self.regions[county];
        match &r.code[..4] {
            "4101" => "郑州市",
            "4102" => "开封市",
            "4103" => "洛阳市",
            "4104" => "平顶山市",
            "4105" => "安阳市",
            "4106" => "鹤壁市",
            "4107" => "新乡市",
            "4108" => "焦作市",
            "4109" => "濮阳市",
            "4110" => "许昌市",
            "4111" => "漯河市",
            "4112" => "三门峡市",
            "4113" => "南阳市",
            "4114" => "商丘市",
            "4115" => "信阳市",
            "4116" => "周口市",
            "4117" => "驻马店市",
            // Directly administered county-level cities (济源) name themselves.
            _ => r.name,
        }
    }

    /// The government office of a township-level unit.
    fn township_unit(&self, township: usize) -> String {
        let name = self.regions[township].name;
        if name.ends_with('镇') || name.ends_with('乡') {
            format!("{name}人民政府")
        } else if name.ends_with("街道") {
            format!("{name}办事处")
        } else {
            // Farms, parks and development zones are their own unit.
            name.to_string()
        }
    }
}

/// Fills the `@` placeholder of a unit template.
fn unit_from(template: &str, place: &str) -> String {
    template.replace('@', place)
}

/// A realistic Chinese personal name.
fn person_name(rng: &mut Rng) -> String {
    // Roughly Zipf-like surname weights: the top few cover a large share.
    let i = {
        let a = rng.below(SURNAMES.len());
        let b = rng.below(SURNAMES.len());
        a.min(b)
    };
    let mut name = String::from(SURNAMES[i]);
    name.push_str(rng.pick(&GIVEN));
    if rng.chance(0.68) {
        name.push_str(rng.pick(&GIVEN));
    }
    name
}

/// Cadre level (级别).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    City,
    County,
    Township,
}

impl Rank {
    /// The value written to cadres.csv.
    fn label(self) -> &'static str {
        match self {
            Rank::City => "市级",
            Rank::County => "县级",
            Rank::Township => "乡级",
        }
    }
}

/// A 帮联干部 with linked points and activity window.
struct Cadre {
    name: String,
    rank: Rank,
    unit: String,
    /// Linked township or village region indices (联系点).
    points: Vec<usize>,
    /// County and township of the first point, for ordering the register.
    county: usize,
    township: usize,
    /// 开始日期 / 结束日期 as day indices, when set.
    start: Option<u16>,
    end: Option<u16>,
    /// The cadre's leave, if any (at most one per cadre).
    leave: Option<(u16, u16)>,
}

impl Cadre {
    /// First active day within the year.
    fn first_day(&self) -> u16 {
        self.start.unwrap_or(0)
    }

    /// Last active day within the year.
    fn last_day(&self) -> u16 {
        self.end.unwrap_or(YEAR - 1)
    }

    /// Whether the cadre is in post on day `d`.
    fn active(&self, d: u16) -> bool {
        d >= self.first_day() && d <= self.last_day()
    }

    /// Whether a leave covers day `d`.
    fn on_leave(&self, d: u16) -> bool {
        self.leave.is_some_and(|(a, b)| d >= a && d <= b)
    }

    /// Whether the cadre can visit on day `d` at all.
    fn available(&self, d: u16) -> bool {
        self.active(d) && !self.on_leave(d)
    }
}

/// A county- or township-level cadre linked to `points` (villages).
fn local_cadre(geo: &Geo, rng: &mut Rng, points: Vec<usize>) -> Cadre {
    let township = geo.township_of(points[0]);
    let county = geo.county_of(township);
    // 30% 县级 : 62% 乡级 among cadres linked to villages.
    let rank = if rng.below(92) < 30 {
        Rank::County
    } else {
        Rank::Township
    };
    let unit = match rank {
        Rank::County => unit_from(rng.pick(&COUNTY_UNITS), geo.regions[county].name),
        _ => geo.township_unit(township),
    };
    Cadre {
        name: person_name(rng),
        rank,
        unit,
        points,
        county,
        township,
        start: None,
        end: None,
        leave: None,
    }
}

/// A covered village from another township of the same county, if any.
fn village_elsewhere(geo: &Geo, rng: &mut Rng, township: usize, covered: &[bool]) -> Option<usize> {
    let siblings = &geo.children[geo.county_of(township)];
    for _ in 0..8 {
        let t = rng.pick(siblings);
        if t == township {
            continue;
        }
        let v = rng.pick(&geo.children[t]);
        if covered[v] {
            return Some(v);
        }
    }
    None
}

/// Builds the cadre register: coverage of townships and villages, the
/// level mix, and mid-year replacements and additions.
fn build_cadres(geo: &Geo, cal: &Calendar, rng: &mut Rng) -> Vec<Cadre> {
    let n_villages = geo.villages.len();
    let base = n_villages * 105 / 100;
    let n_city = base * 8 / 100;
    let n_local = base - n_city;

    // About 1% of villages have nobody linked to them (a real-world gap).
    let mut covered = vec![true; geo.regions.len()];
    let mut gaps = n_villages / 100;
    while gaps > 0 {
        let v = rng.pick(&geo.villages);
        if covered[v] {
            covered[v] = false;
            gaps -= 1;
        }
    }

    // Walk each township's villages in order and hand out runs of 1–3
    // neighbouring villages, so every covered village gets a cadre.
    let mut cadres = Vec::with_capacity(base + base / 20);
    for &t in &geo.townships {
        let vs: Vec<usize> = geo.children[t]
            .iter()
            .copied()
            .filter(|&v| covered[v])
            .collect();
        let mut i = 0;
        while i < vs.len() {
            let size = 1 + rng.weighted(&[70, 22, 8]);
            let end = (i + size).min(vs.len());
            let mut c = local_cadre(geo, rng, vs[i..end].to_vec());
            i = end;
            // A county cadre sometimes also looks after a village elsewhere in the county.
            if c.rank == Rank::County && c.points.len() < 3 && rng.chance(0.04) {
                c.points.extend(village_elsewhere(geo, rng, t, &covered));
            }
            cadres.push(c);
        }
    }

    // The remaining village cadres double up on villages (a county and a
    // township cadre on the same village is common).
    let covered_villages: Vec<usize> = geo
        .villages
        .iter()
        .copied()
        .filter(|&v| covered[v])
        .collect();
    while cadres.len() < n_local {
        let v = rng.pick(&covered_villages);
        let mut points = vec![v];
        if rng.chance(0.25) {
            let siblings = &geo.children[geo.regions[v].parent];
            let pos = siblings.iter().position(|&x| x == v).unwrap_or(0);
            points.extend(siblings.get(pos + 1).copied().filter(|&w| covered[w]));
        }
        cadres.push(local_cadre(geo, rng, points));
    }

    // City cadres: one per township first (leaving a handful uncovered),
    // then extra ones spread over random townships.
    let mut towns = geo.townships.clone();
    rng.shuffle(&mut towns);
    let skip = ((geo.townships.len() + 95) / 100).min(towns.len().saturating_sub(1));
    let towns = &towns[skip..];
    for i in 0..n_city {
        let t = match towns.get(i) {
            Some(&t) => t,
            None => rng.pick(towns),
        };
        let mut points = vec![t];
        if rng.chance(0.3) {
            points.push(rng.pick(&geo.children[t]));
        }
        let county = geo.county_of(t);
        cadres.push(Cadre {
            name: person_name(rng),
            rank: Rank::City,
            unit: unit_from(rng.pick(&CITY_UNITS), geo.city_name(county)),
            points,
            county,
            township: t,
            start: None,
            end: None,
            leave: None,
        });
    }

    // Register order: 市级 first, then by county and township; the sort is
    // stable so creation order breaks ties deterministically.
    cadres.sort_by_key(|c| (c.rank, c.county, c.township));

    // About 2% leave during the year; each is replaced from the same unit
    // on the 1st of the following month, so coverage is kept.
    let mut order: Vec<usize> = (0..cadres.len()).collect();
    rng.shuffle(&mut order);
    let mut late = Vec::new();
    for &i in order.iter().take((base * 2 + 50) / 100) {
        let m = 1 + rng.below(11);
        let start = cal.month_start[m];
        cadres[i].end = Some(start - 1);
        let old = &cadres[i];
        late.push(Cadre {
            name: person_name(rng),
            rank: old.rank,
            unit: old.unit.clone(),
            points: old.points.clone(),
            county: old.county,
            township: old.township,
            start: Some(start),
            end: None,
            leave: None,
        });
    }
    // About 1% are newly added mid-year to villages that need more help.
    for _ in 0..(base + 50) / 100 {
        let v = rng.pick(&covered_villages);
        let mut c = local_cadre(geo, rng, vec![v]);
        c.start = Some(cal.month_start[1 + rng.below(11)]);
        late.push(c);
    }
    // Late entries are appended to the register in order of their start.
    late.sort_by_key(|c| c.start);
    cadres.extend(late);
    cadres
}

/// One row of leaves.csv.
struct Leave {
    cadre: u32,
    from: u16,
    to: u16,
    reason: &'static str,
}

/// A plausible reason for a leave of `len` days.
fn leave_reason(rng: &mut Rng, len: u16) -> &'static str {
    if len <= 2 {
        rng.pick(&["事假", "事假", "病假"])
    } else {
        let reasons = [
            "病假",
            "公差（外出培训）",
            "公差（党校学习）",
            "年休假",
            "事假",
        ];
        reasons[rng.weighted(&[40, 30, 10, 10, 10])]
    }
}

/// Gives ~4% of cadres a leave covering one of their work days and ~1% a
/// leave at some other time.
fn assign_leaves(cadres: &mut [Cadre], cal: &Calendar, rng: &mut Rng) -> Vec<Leave> {
    let n = cadres.len();
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let n_cover = n * 4 / 100;
    let n_other = n / 100;
    let mut leaves = Vec::with_capacity(n_cover + n_other);
    for (k, &i) in order.iter().take(n_cover + n_other).enumerate() {
        let c = &mut cadres[i];
        let (lo, hi) = (c.first_day(), c.last_day());
        let (from, to) = if k < n_cover {
            let due: Vec<u16> = cal
                .workdays(c.rank)
                .iter()
                .copied()
                .filter(|&d| c.active(d))
                .collect();
            if due.is_empty() {
                continue;
            }
            let day = rng.pick(&due);
            let len =
                [1, 2, 3, 4, 5, 6, 7, 8, 9, 10][rng.weighted(&[20, 15, 20, 10, 10, 5, 5, 5, 5, 5])];
            let before = rng.below(usize::from(len)) as u16;
            let from = day.saturating_sub(before).max(lo);
            (from, (from + len - 1).min(hi))
        } else {
            let from = rng.range(lo, hi);
            let len = rng.range(1, 5);
            (from, (from + len - 1).min(hi))
        };
        c.leave = Some((from, to));
        leaves.push(Leave {
            cadre: i as u32,
            from,
            to,
            reason: leave_reason(rng, to - from + 1),
        });
    }
    leaves.sort_by_key(|l| (l.from, l.cadre));
    leaves
}

/// One row of a visits file.
#[derive(Clone, Copy)]
struct Visit {
    day: u16,
    cadre: u32,
    place: u32,
    kind: u8,
    meetings: u8,
    people: u8,
    /// 0 = no note, otherwise 1 + index into `NOTES[kind]`.
    note: u8,
}

/// Places a cadre may visit: its points plus villages of linked townships.
fn visitable(geo: &Geo, c: &Cadre) -> Vec<usize> {
    let mut places = c.points.clone();
    for &p in &c.points {
        if geo.regions[p].level == Level::Township {
            for &v in &geo.children[p] {
                if !c.points.contains(&v) {
                    places.push(v);
                }
            }
        }
    }
    places
}

/// Whether the same (date, place, type) is already logged for this cadre.
fn logged(visits: &[Visit], day: u16, place: u32, kind: u8) -> bool {
    visits
        .iter()
        .any(|v| v.day == day && v.place == place && v.kind == kind)
}

/// Builds a visit row with realistic counts and an occasional note.
fn make_visit(rng: &mut Rng, day: u16, cadre: u32, place: usize, kind: u8) -> Visit {
    let (meetings, people) = match kind {
        0 => (u8::from(rng.chance(0.3)), rng.range(2, 15)),
        1 => (0, rng.range(1, 5)),
        2 => (1 + u8::from(rng.chance(0.25)), rng.range(0, 4)),
        3 => (u8::from(rng.chance(0.3)), rng.range(0, 3)),
        4 => (0, rng.range(1, 4)),
        _ => (0, rng.range(0, 6)),
    };
    let notes = NOTES[usize::from(kind)];
    let note = if rng.chance(0.1) {
        1 + rng.below(notes.len()) as u8
    } else {
        0
    };
    Visit {
        day,
        cadre,
        place: place as u32,
        kind,
        meetings,
        people: people as u8,
        note,
    }
}

/// Generates work-day and routine visits for every cadre, grouped by cadre.
fn gen_visits(geo: &Geo, cal: &Calendar, cadres: &[Cadre], rng: &mut Rng) -> Vec<Vec<Visit>> {
    let mut all = Vec::with_capacity(cadres.len());
    for (i, c) in cadres.iter().enumerate() {
        let id = i as u32;
        let places = visitable(geo, c);
        let mut vs: Vec<Visit> = Vec::with_capacity(24);
        // A few chronic absentees miss many work days; everyone misses some.
        let miss = if rng.chance(0.02) { 0.45 } else { 0.055 };
        for &day in cal.workdays(c.rank) {
            if !c.available(day) || rng.chance(miss) {
                continue;
            }
            // City cadres often go to the township office itself.
            let place = if c.rank == Rank::City && rng.chance(0.35) {
                c.points[0]
            } else if c.points.len() > 1 && c.rank == Rank::City && rng.chance(0.4) {
                c.points[1]
            } else {
                rng.pick(&places)
            };
            vs.push(make_visit(rng, day, id, place, WORKDAY));
            if places.len() > 1 && rng.chance(0.12) {
                let second = rng.pick(&places);
                if !logged(&vs, day, second as u32, WORKDAY) {
                    vs.push(make_visit(rng, day, id, second, WORKDAY));
                }
            }
        }
        // Routine visits on ordinary weekdays, in proportion to time in post.
        let span = f64::from(c.last_day() - c.first_day() + 1) / f64::from(YEAR);
        let mut n = (f64::from(4 + rng.below(11) as u32) * span).round() as usize;
        if vs.is_empty() && n == 0 {
            // Everyone in the register logs at least one visit.
            n = 1;
        }
        for _ in 0..n {
            let Some(day) = (0..40)
                .map(|_| rng.range(c.first_day(), c.last_day()))
                .find(|&d| cal.quiet(d) && !c.on_leave(d))
            else {
                continue;
            };
            let kind = 1 + rng.weighted(&OTHER_KIND_WEIGHTS) as u8;
            let place = rng.pick(&places);
            if !logged(&vs, day, place as u32, kind) {
                vs.push(make_visit(rng, day, id, place, kind));
            }
        }
        all.push(vs);
    }
    all
}

/// One row of problems.csv (before its id is assigned).
struct Problem {
    found: u16,
    place: usize,
    finder: Option<u32>,
    source: usize,
    category: usize,
    summary: String,
    unit: String,
    /// Explicit 整改时限; otherwise the configured default applies.
    limit: Option<u16>,
    fixed: Option<u16>,
    closed: Option<u16>,
    rating: Option<usize>,
}

/// A short problem summary for a category.
fn summary(rng: &mut Rng, category: usize) -> String {
    let mut s = String::new();
    // Physical problems are often located within the village.
    if matches!(category, 0 | 3 | 5) && rng.chance(0.4) {
        s.push_str(rng.pick(&SPOTS));
    }
    s.push_str(rng.pick(PHRASES[category]));
    if rng.chance(0.12) {
        s.push_str(rng.pick(&TAILS));
    }
    s
}

/// Generates the problem ledger; cadre-found problems come from real visits.
fn gen_problems(geo: &Geo, cal: &Calendar, visits: &[Vec<Visit>], rng: &mut Rng) -> Vec<Problem> {
    let n = geo.villages.len() * 155 / 100;
    let flat: Vec<(u32, u16)> = visits
        .iter()
        .enumerate()
        .flat_map(|(c, vs)| (0..vs.len()).map(move |k| (c as u32, k as u16)))
        .collect();
    let mut problems = Vec::with_capacity(n);
    for _ in 0..n {
        let source = rng.weighted(&[85, 10, 5]);
        let (found, place, finder) = if source == 0 && !flat.is_empty() {
            let (c, k) = rng.pick(&flat);
            let v = visits[c as usize][usize::from(k)];
            (v.day, v.place as usize, Some(c))
        } else {
            let place = if rng.chance(0.85) {
                rng.pick(&geo.villages)
            } else {
                rng.pick(&geo.townships)
            };
            let day = (0..40)
                .map(|_| rng.range(0, YEAR - 1))
                .find(|&d| !cal.weekend[usize::from(d)] && !cal.holiday[usize::from(d)])
                .unwrap_or(0);
            (day, place, None)
        };
        let category = rng.weighted(&CATEGORY_WEIGHTS);
        let default_days = if category == SAFETY { 7 } else { 30 };
        let limit = if rng.chance(0.12) {
            let days = if category == SAFETY {
                rng.pick(&[3u16, 5, 10])
            } else {
                rng.pick(&[10u16, 15, 20, 45, 60])
            };
            Some(found + days)
        } else {
            None
        };
        let deadline = limit.unwrap_or(found + default_days);
        let fixed = match rng.below(100) {
            0..=69 => Some(rng.range(found, deadline)),
            70..=89 => Some(deadline + rng.range(1, 60)),
            _ => None,
        }
        .map(|d| cal.office_day_on_or_after(d))
        .filter(|&d| d < YEAR);
        let (closed, rating) = match fixed {
            Some(f) => {
                let closed = match rng.below(100) {
                    0..=79 => Some(f + rng.range(0, 15)),
                    80..=90 => Some(f + rng.range(16, 30)),
                    _ => None,
                }
                .map(|d| cal.office_day_on_or_after(d))
                .filter(|&d| d < YEAR);
                let rating = rng.chance(0.85).then(|| rng.weighted(&[90, 8, 2]));
                (closed, rating)
            }
            None => (None, None),
        };
        let unit = if rng.chance(0.6) {
            geo.township_unit(geo.township_of(place))
        } else {
            let county = geo.regions[geo.county_of(place)].name;
            unit_from(rng.pick(CATEGORY_UNITS[category]), county)
        };
        problems.push(Problem {
            found,
            place,
            finder,
            source,
            category,
            summary: summary(rng, category),
            unit,
            limit,
            fixed,
            closed,
            rating,
        });
    }
    // Ledger order is by discovery date; the stable sort keeps it deterministic.
    problems.sort_by_key(|p| p.found);
    problems
}

/// Adds a 回访 visit by the finding cadre on the day a problem is verified.
fn add_revisits(
    cal: &Calendar,
    cadres: &[Cadre],
    problems: &[Problem],
    visits: &mut [Vec<Visit>],
    rng: &mut Rng,
) {
    for p in problems {
        let (Some(c), Some(day)) = (p.finder, p.closed) else {
            continue;
        };
        let cadre = &cadres[c as usize];
        // Skip days the cadre is away or due at a work day elsewhere.
        if !cadre.available(day) || cal.workdays(cadre.rank).contains(&day) {
            continue;
        }
        let vs = &mut visits[c as usize];
        if !logged(vs, day, p.place as u32, REVISIT) {
            vs.push(make_visit(rng, day, c, p.place, REVISIT));
        }
    }
}

/// Writes a small unsigned number without going through `format!`.
fn put_num(w: &mut impl Write, n: u32) -> io::Result<()> {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    w.write_all(&buf[i..])
}

/// Writes one CSV field (the data never needs quoting) and a separator.
fn put(w: &mut impl Write, s: &str, sep: u8) -> io::Result<()> {
    debug_assert!(!s.contains([',', '"', '\n']), "field needs quoting: {s}");
    w.write_all(s.as_bytes())?;
    w.write_all(&[sep])
}

/// The UTF-8 byte order mark that begins every CSV file, as in the
/// canonical form `bangcun fmt` writes (Excel and WPS need it to read
/// UTF-8).
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Opens the CSV file `path` for buffered writing, replacing any existing
/// file, and writes the BOM.
fn create(path: &Path) -> io::Result<BufWriter<File>> {
    let mut w = BufWriter::with_capacity(1 << 16, File::create(path)?);
    w.write_all(BOM)?;
    Ok(w)
}

/// The `bangcun.toml` configuration.
fn config_text(scale: Scale) -> String {
    let name = match scale {
        Scale::City => "许昌市联乡帮村",
        Scale::Province => "河南省联乡帮村",
    };
    let categories: Vec<String> = CATEGORIES.iter().map(|c| format!("\"{c}\"")).collect();
    format!(
        "# {name} — 数据目录配置（bangcun）\n\
         name = \"{name}\"\n\
         lang = \"zh\"\n\
         categories = [{}]\n\
         \n\
         [workdays]\n\
         city = [10]\n\
         county = [20]\n\
         township = [20]\n\
         moved = {{ 2026-02-20 = 2026-02-24 }}   # 2026 春节假期（2月15日至23日），县乡两级工作日顺延\n\
         \n\
         [deadlines]\n\
         days = 30\n\
         [deadlines.category]\n\
         \"安全生产\" = 7\n\
         \n\
         [revisit]\n\
         days = 15\n",
        categories.join(", ")
    )
}

/// Everything generated, ready to be written.
struct Data {
    regions_text: &'static str,
    geo: Geo,
    cadres: Vec<Cadre>,
    visits: Vec<Visit>,
    problems: Vec<Problem>,
    leaves: Vec<Leave>,
}

/// The region list with its rows in code order, the order `bangcun fmt`
/// keeps them in (the statistics list goes county by county instead).
fn regions_in_code_order(text: &str) -> String {
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let mut rows: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    rows.sort_by_key(|row| row.split(',').next().unwrap_or_default());
    let mut out = String::with_capacity(text.len());
    for line in std::iter::once(header).chain(rows) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Writes the data folder.
fn write_all(out: &Path, scale: Scale, cal: &Calendar, data: &Data) -> io::Result<()> {
    let geo = &data.geo;
    fs::create_dir_all(out.join("visits"))?;
    fs::write(out.join("bangcun.toml"), config_text(scale))?;
    let mut w = create(&out.join("regions.csv"))?;
    w.write_all(regions_in_code_order(data.regions_text).as_bytes())?;
    w.flush()?;

    let ids: Vec<String> = (1..=data.cadres.len())
        .map(|i| format!("C{i:06}"))
        .collect();
    let day = |d: u16| cal.text[usize::from(d)].as_str();

    let mut w = create(&out.join("cadres.csv"))?;
    w.write_all("编号,姓名,级别,单位,联系点,开始日期,结束日期\n".as_bytes())?;
    for (c, id) in data.cadres.iter().zip(&ids) {
        put(&mut w, id, b',')?;
        put(&mut w, &c.name, b',')?;
        put(&mut w, c.rank.label(), b',')?;
        put(&mut w, &c.unit, b',')?;
        for (k, &p) in c.points.iter().enumerate() {
            if k > 0 {
                w.write_all(b";")?;
            }
            w.write_all(geo.regions[p].code.as_bytes())?;
        }
        w.write_all(b",")?;
        put(&mut w, c.start.map_or("", day), b',')?;
        put(&mut w, c.end.map_or("", day), b'\n')?;
    }
    w.flush()?;

    let mut files = Vec::with_capacity(12);
    for m in 0..12 {
        let name = &cal.text[usize::from(cal.month_start[m])][..7];
        let mut f = create(&out.join("visits").join(format!("{name}.csv")))?;
        f.write_all("日期,干部编号,地点代码,类型,座谈会场次,走访人次,备注\n".as_bytes())?;
        files.push(f);
    }
    for v in &data.visits {
        let f = &mut files[cal.month[usize::from(v.day)]];
        put(f, day(v.day), b',')?;
        put(f, &ids[v.cadre as usize], b',')?;
        put(f, geo.regions[v.place as usize].code, b',')?;
        put(f, KINDS[usize::from(v.kind)], b',')?;
        put_num(f, u32::from(v.meetings))?;
        f.write_all(b",")?;
        put_num(f, u32::from(v.people))?;
        f.write_all(b",")?;
        if v.note > 0 {
            f.write_all(NOTES[usize::from(v.kind)][usize::from(v.note - 1)].as_bytes())?;
        }
        f.write_all(b"\n")?;
    }
    for mut f in files {
        f.flush()?;
    }

    let mut w = create(&out.join("problems.csv"))?;
    w.write_all(
        "问题编号,发现日期,地点代码,发现干部,来源,类别,问题描述,责任单位,整改时限,整改日期,销号日期,满意度\n"
            .as_bytes(),
    )?;
    let mut seq = 0;
    let mut month = usize::MAX;
    for p in &data.problems {
        let m = cal.month[usize::from(p.found)];
        if m != month {
            month = m;
            seq = 0;
        }
        seq += 1;
        let id = format!("P{}{seq:04}", cal.yyyymm[usize::from(p.found)]);
        put(&mut w, &id, b',')?;
        put(&mut w, day(p.found), b',')?;
        put(&mut w, geo.regions[p.place].code, b',')?;
        put(&mut w, p.finder.map_or("", |c| &ids[c as usize]), b',')?;
        put(&mut w, SOURCES[p.source], b',')?;
        put(&mut w, CATEGORIES[p.category], b',')?;
        put(&mut w, &p.summary, b',')?;
        put(&mut w, &p.unit, b',')?;
        put(&mut w, p.limit.map_or("", day), b',')?;
        put(&mut w, p.fixed.map_or("", day), b',')?;
        put(&mut w, p.closed.map_or("", day), b',')?;
        put(&mut w, p.rating.map_or("", |r| RATINGS[r]), b'\n')?;
    }
    w.flush()?;

    let mut w = create(&out.join("leaves.csv"))?;
    w.write_all("干部编号,开始日期,结束日期,事由\n".as_bytes())?;
    for l in &data.leaves {
        put(&mut w, &ids[l.cadre as usize], b',')?;
        put(&mut w, day(l.from), b',')?;
        put(&mut w, day(l.to), b',')?;
        put(&mut w, l.reason, b'\n')?;
    }
    w.flush()
}

/// The year of the ratings and reviews the data carries: the calendar
/// year the programme year begins in, whose reviews and ratings are made
/// at its end.
const REVIEW_YEAR: u16 = 2025;

/// The last day (index) of [`REVIEW_YEAR`] in the programme year.
const REVIEW_YEAR_END: u16 = 60; // 2025-12-31

/// Star ratings as offices give them, from five stars down to one, and
/// the share not rated (0): about Xuchang's 2022 (as published: five stars
/// 1.5%, four 11%, three or more 46%).
const STAR_WEIGHTS: [u32; 6] = [15, 110, 340, 330, 160, 45];

/// Writes `ratings.csv` and `reviews.csv`: one rating per village and one
/// review per cadre in post during [`REVIEW_YEAR`], from a random stream
/// of their own, so that the other files are the same with or without
/// them.
fn write_ratings_and_reviews(out: &Path, seed: u64, data: &Data) -> io::Result<()> {
    let mut rng = Rng::new(seed ^ 0x7A25_0F5E_ED00_2025);
    let geo = &data.geo;
    let year = REVIEW_YEAR.to_string();
    let mut w = create(&out.join("ratings.csv"))?;
    w.write_all("村（社区）,年度,星级,软弱涣散,三零达标\n".as_bytes())?;
    let mut villages: Vec<&Region> = geo.villages.iter().map(|&v| &geo.regions[v]).collect();
    villages.sort_by_key(|r| r.code);
    for village in villages {
        // In the canonical form `fmt` keeps: 0 (not rated) to 5.
        let stars = ["5", "4", "3", "2", "1", "0"][rng.weighted(&STAR_WEIGHTS)];
        // Weak branches are found among the low ones; three zeros are met
        // by most villages, assessed by nearly all.
        let low = matches!(stars, "1" | "0");
        let weak = if low && rng.chance(0.25) {
            "是"
        } else {
            "否"
        };
        let sanling = if rng.chance(0.01) {
            ""
        } else if rng.chance(if low { 0.55 } else { 0.88 }) {
            "是"
        } else {
            "否"
        };
        put(&mut w, village.code, b',')?;
        put(&mut w, &year, b',')?;
        put(&mut w, stars, b',')?;
        put(&mut w, weak, b',')?;
        put(&mut w, sanling, b'\n')?;
    }
    w.flush()?;

    let mut w = create(&out.join("reviews.csv"))?;
    w.write_all("干部编号,年度,满意,基本满意,不满意\n".as_bytes())?;
    for (i, c) in data.cadres.iter().enumerate() {
        if c.first_day() > REVIEW_YEAR_END {
            continue;
        }
        // 20 to 40 representatives; a few cadres they rate low.
        let votes = rng.range(20, 40);
        let (good, fair) = if rng.chance(0.015) {
            (0.5, 0.22)
        } else {
            (0.8, 0.17)
        };
        let (mut satisfied, mut basic, mut unsatisfied) = (0u32, 0u32, 0u32);
        for _ in 0..votes {
            let r = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
            if r < good {
                satisfied += 1;
            } else if r < good + fair {
                basic += 1;
            } else {
                unsatisfied += 1;
            }
        }
        let _ = writeln!(w, "C{:06},{year},{satisfied},{basic},{unsatisfied}", i + 1);
    }
    w.flush()
}

/// Generates all data for a seed and scale.
fn generate(seed: u64, scale: Scale, cal: &Calendar) -> Data {
    let regions_text = match scale {
        Scale::City => XUCHANG,
        Scale::Province => HENAN,
    };
    let geo = Geo::parse(regions_text);
    let mut rng = Rng::new(seed);
    let mut cadres = build_cadres(&geo, cal, &mut rng);
    let leaves = assign_leaves(&mut cadres, cal, &mut rng);
    let mut by_cadre = gen_visits(&geo, cal, &cadres, &mut rng);
    let problems = gen_problems(&geo, cal, &by_cadre, &mut rng);
    add_revisits(cal, &cadres, &problems, &mut by_cadre, &mut rng);

    let mut visits: Vec<Visit> = by_cadre.into_iter().flatten().collect();
    // Files are sorted by date then cadre; place and type make the order total.
    visits.sort_unstable_by_key(|v| (v.day, v.cadre, v.place, v.kind));
    debug_assert!({
        let keys: HashSet<_> = visits
            .iter()
            .map(|v| (v.day, v.cadre, v.place, v.kind))
            .collect();
        keys.len() == visits.len()
    });
    Data {
        regions_text,
        geo,
        cadres,
        visits,
        problems,
        leaves,
    }
}

fn main() {
    let started = Instant::now();
    let args = match parse_args() {
        Ok(Some(a)) => a,
        Ok(None) => {
            print!("{USAGE}");
            return;
        }
        Err(e) => {
            eprintln!("gen: {e}\n{USAGE}");
            std::process::exit(2);
        }
    };
    let cal = Calendar::new();
    let data = generate(args.seed, args.scale, &cal);
    let written = write_all(&args.out, args.scale, &cal, &data)
        .and_then(|()| write_ratings_and_reviews(&args.out, args.seed, &data));
    if let Err(e) = written {
        eprintln!("gen: writing {}: {e}", args.out.display());
        std::process::exit(1);
    }
    eprintln!(
        "gen: {} regions, {} cadres, {} visits, {} problems, {} leaves in {:.2}s",
        data.geo.regions.len(),
        data.cadres.len(),
        data.visits.len(),
        data.problems.len(),
        data.leaves.len(),
        started.elapsed().as_secs_f64()
    );
}
