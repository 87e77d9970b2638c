//! `bangcun init [DIR]`: a new data folder — a commented `bangcun.toml`
//! (every setting, as `config` declares them) and a CSV file of each kind
//! with its header (as `schema` declares them). Never overwrites a file.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use anyhow::Context as _;

use super::CLEAN;
use crate::canonical::BOM;
use crate::cli::{InitArgs, Preset};
use crate::config;
use crate::lang::{Lang, tr};
use crate::load::CONFIG_FILE;
use crate::model::Kind;
use crate::schema;

pub fn run(args: &InitArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    fs::create_dir_all(dir).with_context(|| {
        let shown = dir.display();
        tr!(
            lang,
            "无法创建目录 {shown}",
            "cannot make the folder {shown}"
        )
    })?;
    let settings = match args.preset {
        Some(preset) => preset_text(preset, lang),
        None => config::template(lang),
    };
    let mut files = vec![(CONFIG_FILE.to_string(), settings)];
    // Households only for a programme that links cadres to them.
    let households = args.preset == Some(Preset::Qinzhou);
    let written = |k: &Kind| k.def().template || (households && *k == Kind::Households);
    for kind in Kind::ALL.into_iter().filter(written) {
        let header = schema::header_line(kind, lang);
        // In canonical form, BOM and all, as `fmt` would write it.
        files.push((format!("{}.csv", kind.plural()), format!("{BOM}{header}\n")));
    }
    let mut out = std::io::stdout().lock();
    for (name, content) in files {
        let path = dir.join(&name);
        let shown = path.display();
        // create_new: an existing file is never touched, not even in a race.
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                let written = file
                    .write_all(content.as_bytes())
                    .and_then(|()| file.sync_all());
                if let Err(e) = written {
                    // Left there, half a file would be "exists, left
                    // alone" to every later init. Closed first: Windows
                    // removes no open file.
                    drop(file);
                    let _ = fs::remove_file(&path);
                    return Err(e)
                        .with_context(|| tr!(lang, "无法写入 {shown}", "cannot write {shown}"));
                }
                writeln!(out, "{}", tr!(lang, "已创建 {shown}", "created {shown}"))?;
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                writeln!(
                    out,
                    "{}",
                    tr!(
                        lang,
                        "已存在，未改动 {shown}",
                        "exists, left alone: {shown}"
                    )
                )?;
            }
            Err(e) => {
                return Err(e)
                    .with_context(|| tr!(lang, "无法创建 {shown}", "cannot create {shown}"));
            }
        }
    }
    let shown = dir.display();
    writeln!(
        out,
        "{}",
        tr!(
            lang,
            "下一步：填写 regions.csv 和 cadres.csv，然后运行 `bangcun check --data {shown}`",
            "next: fill in regions.csv and cadres.csv, then run `bangcun check --data {shown}`",
        )
    )?;
    Ok(ExitCode::from(CLEAN))
}

/// The `bangcun.toml` of a preset: the programme's rules, each commented
/// with the rule of its source document (in Chinese, as the documents
/// are), with `lang` as asked.
pub fn preset_text(preset: Preset, lang: Lang) -> String {
    let text = match preset {
        Preset::Xuchang => include_str!("../presets/xuchang.toml"),
        Preset::Weidu => include_str!("../presets/weidu.toml"),
        Preset::Qinzhou => include_str!("../presets/qinzhou.toml"),
    };
    match lang {
        Lang::Zh => text.to_string(),
        Lang::En => text.replacen("lang = \"zh\"", "lang = \"en\"", 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Per, QuotaAt};
    use crate::model::{CadreLevel, FileId, VisitKind};

    #[test]
    fn presets_are_valid_config_with_their_rules() {
        let read = |preset| {
            let (c, findings) = config::parse(&preset_text(preset, Lang::Zh), FileId(0));
            assert!(findings.is_empty(), "{preset:?}: {findings:?}");
            c
        };
        let x = read(Preset::Xuchang);
        assert_eq!(
            (x.workdays.city, x.workdays.county, x.workdays.township),
            (vec![10], vec![20], vec![20])
        );
        assert!(x.quota.is_empty());
        let w = read(Preset::Weidu);
        for days in [&w.workdays.city, &w.workdays.county, &w.workdays.township] {
            assert_eq!(days, &[10, 20]);
        }
        let rules: Vec<_> = w
            .quota
            .iter()
            .map(|q| (q.name.as_str(), q.kinds.clone(), q.per, q.visits))
            .collect();
        assert_eq!(
            rules,
            [
                ("主题党日", Some(vec![VisitKind::PartyDay]), Per::Month, 1),
                ("组织生活会", Some(vec![VisitKind::OrgLife]), Per::Year, 1),
            ]
        );
        let q = read(Preset::Qinzhou);
        assert!(
            q.workdays.city.is_empty()
                && q.workdays.county.is_empty()
                && q.workdays.township.is_empty()
        );
        let rules: Vec<_> = q
            .quota
            .iter()
            .map(|q| {
                (
                    q.name.as_str(),
                    q.at,
                    q.per,
                    q.visits,
                    q.days,
                    q.levels.clone(),
                )
            })
            .collect();
        let cadres = Some(vec![
            CadreLevel::City,
            CadreLevel::County,
            CadreLevel::Township,
        ]);
        let units = Some(vec![CadreLevel::Unit]);
        assert_eq!(
            rules,
            [
                ("单位进村", QuotaAt::Point, Per::Year, 4, 30, units.clone()),
                (
                    "干部入户",
                    QuotaAt::Household,
                    Per::Year,
                    2,
                    7,
                    cadres.clone()
                ),
                ("集中宣讲", QuotaAt::Point, Per::Year, 2, 0, units),
                ("谈心交流", QuotaAt::Household, Per::Year, 2, 0, cadres),
            ]
        );
        let (en, _) = config::parse(&preset_text(Preset::Weidu, Lang::En), FileId(0));
        assert_eq!(en.lang, Some(Lang::En));
    }

    #[test]
    fn templates_are_valid_config() {
        for lang in [Lang::Zh, Lang::En] {
            let (c, findings) = config::parse(&config::template(lang), FileId(0));
            assert!(findings.is_empty(), "{findings:?}");
            assert_eq!(c.lang, Some(lang));
            assert_eq!(c.deadlines.category.get("安全生产"), Some(&7));
        }
    }

    #[test]
    fn templates_say_every_setting_as_before() {
        assert_eq!(config::template(Lang::Zh), ZH_CONFIG);
        assert_eq!(config::template(Lang::En), EN_CONFIG);
    }

    /// The templates as `init` has always written them, a setting a line
    /// with its note (the notes aligned at column 32); `[targets]` is an
    /// example, commented out.
    const ZH_CONFIG: &str = r#"# bangcun 数据目录配置。每一项都有默认值；不需要改的项可以删去。

name = "联乡帮村"               # 报告标题
lang = "zh"                     # zh 或 en：标签和消息的语言（命令行 --lang 优先）

# 问题类别：问题台账的“类别”必须是其中之一
categories = ["基础设施", "产业发展", "信访稳定", "安全生产", "基层党建", "人居环境", "民生服务"]

[workdays]                      # 各级帮联干部每月必须下沉联系点的日子（双十工作日）
city = [10]                     # 市级
county = [20]                   # 县级
township = [20]                 # 乡级
# 因节假日调整的工作日（对所有级别生效）：原日期 = 新日期
# moved = { 2026-02-20 = 2026-02-24 }

[deadlines]
days = 30                       # 问题未填整改时限时：发现日期 + 30 天
[deadlines.category]            # 个别类别的整改天数
"安全生产" = 7

[revisit]
days = 15                       # 整改后应在 15 天内回访销号

# 目标：报表和月报逐项显示是否达标。比率写小数（0.9 即 90%），为“不低于”；数量写整数：weak、overdue 等越少越好的为“不多于”，five_star 等越多越好的为“不少于”，problems 等须写明方向，如 { at_most = 100 }
# [targets]
# rectification_rate = 0.9
# attendance_rate = 0.95
# five_star = 60
# stars3_rate = 0.5
# weak = 0
# sanling_rate = 0.8
# review_rate = 0.8
# problems = { at_most = 100 }

[aliases]                       # 本单位自己的用词：字段名 = { "用词" = "可选值" }
# source = { "职能部门移交" = "inspection" }
"#;

    const EN_CONFIG: &str = r#"# bangcun data folder settings. Every key has a default; delete what you do not need.

name = "联乡帮村"               # title of reports
lang = "en"                     # zh or en: labels and messages (--lang overrides)

# Problem categories: a problem's category must be one of these
categories = ["基础设施", "产业发展", "信访稳定", "安全生产", "基层党建", "人居环境", "民生服务"]

[workdays]                      # days of the month each cadre level must be at its points
city = [10]
county = [20]
township = [20]
# a work day moved for a holiday, for every level: old date = new date
# moved = { 2026-02-20 = 2026-02-24 }

[deadlines]
days = 30                       # deadline when a problem has none: found + 30 days
[deadlines.category]            # other deadlines for some categories
"安全生产" = 7

[revisit]
days = 15                       # a rectified problem should be verified within 15 days

# Targets: reports and the monthly summary say whether each is met. A rate is a fraction (0.9 is 90%), at least; a count is a whole number: at most for counts better lower (weak, overdue), at least for those better higher (five_star), and written with its direction for the others (problems = { at_most = 100 })
# [targets]
# rectification_rate = 0.9
# attendance_rate = 0.95
# five_star = 60
# stars3_rate = 0.5
# weak = 0
# sanling_rate = 0.8
# review_rate = 0.8
# problems = { at_most = 100 }

[aliases]                       # the office's own words: field = { "word" = "value" }
# source = { "职能部门移交" = "inspection" }
"#;
}
