//! What a report made from data with errors leaves out, so that the
//! document can say so where its reader sees it (docs/reports.md): the
//! records not counted, per kind; the data files not read at all, or read
//! only in part; and the settings of `bangcun.toml` whose default stands in
//! for what was written. Worked out once from the findings and the validity
//! of the records; clean data gives an empty notice at no cost.

use crate::config::{InvalidSetting, UnknownKey};
use crate::finding::Finding;
use crate::i18n;
use crate::lang::Lang;
use crate::metrics::Validity;
use crate::model::{self, Dataset, FileRole, Kind, KindVisitor, Skip, Stored};

/// What the figures of a report leave out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataNotice {
    /// Error findings in the data (0: the data is clean, nothing is left
    /// out).
    pub errors: usize,
    /// Records read but not counted, for each kind of [`Kind::ALL`]:
    /// those with an error, and those that refer to one (a visit of a
    /// cadre whose row is broken).
    pub records: [usize; Kind::ALL.len()],
    /// Data files left out whole (their names in the data folder).
    pub unread: Vec<String>,
    /// Data files whose reading stopped part way, and the line from which
    /// nothing was read (when known).
    pub partly_read: Vec<(String, Option<u32>)>,
    /// Settings of `bangcun.toml` whose value is impossible: their
    /// default is used.
    pub settings: Vec<String>,
    /// Keys of `bangcun.toml` that no setting has (a mistyped
    /// `deadlines.day`): ignored. The setting meant keeps the value it
    /// has, written elsewhere or its default, so none is named here as
    /// defaulted.
    pub ignored: Vec<String>,
    /// `bangcun.toml` could not be read at all: every setting is the
    /// default.
    pub config_unread: bool,
}

impl DataNotice {
    /// Works out what is left out of the figures over `data`.
    pub fn new(data: &Dataset, findings: &[Finding], valid: &Validity) -> DataNotice {
        let mut notice = DataNotice {
            errors: findings.iter().filter(|f| f.is_error()).count(),
            ..DataNotice::default()
        };
        if notice.errors == 0 {
            return notice;
        }
        let mut read = [0usize; Kind::ALL.len()];
        for file in &data.files {
            let kind = match file.role {
                FileRole::Data(kind) => kind,
                // A link out of the data folder was not followed: whatever
                // it points at is left out whole.
                FileRole::Skipped(Skip::OutsideLink) => {
                    notice
                        .unread
                        .push(file.name.to_string_lossy().replace('\\', "/"));
                    continue;
                }
                _ => continue,
            };
            // The rows after a break were never read: lost rows too.
            let lost = file.lost.map_or(0, |(_, rows)| rows);
            read[kind as usize] += file.rows + lost;
            let name = file.name.to_string_lossy().replace('\\', "/");
            match (file.complete, file.rows, file.lost) {
                (true, ..) => {}
                (false, 0, None) => notice.unread.push(name),
                (false, _, lost) => notice.partly_read.push((name, lost.map(|(line, _)| line))),
            }
        }
        let counted = Kind::ALL.map(|kind| model::visit(kind, Counted(data, valid)));
        for ((slot, read), counted) in notice.records.iter_mut().zip(read).zip(counted) {
            *slot = read.saturating_sub(counted);
        }
        for f in findings.iter().filter(|f| f.is_error()) {
            if data.files.get(f.span.file.0 as usize).map(|file| file.role)
                != Some(FileRole::Config)
            {
                continue;
            }
            let (list, key) = if let Some(m) = f.message.get::<InvalidSetting>() {
                (&mut notice.settings, &m.key)
            } else if let Some(m) = f.message.get::<UnknownKey>() {
                (&mut notice.ignored, &m.key)
            } else {
                // Invalid TOML, bad bytes, a file that cannot be opened.
                notice.config_unread = true;
                continue;
            };
            if !list.contains(key) {
                list.push(key.clone());
            }
        }
        notice
    }

    /// Whether the figures are those of all the data (nothing to say).
    pub fn is_empty(&self) -> bool {
        self.errors == 0
    }

    /// Records not counted, over every kind.
    pub fn records_left_out(&self) -> usize {
        self.records.iter().sum()
    }

    /// What is left out, one phrase each, as the document and the stderr
    /// line say it: files not read, files read in part, records, settings.
    pub fn items(&self, lang: Lang) -> Vec<String> {
        let mut items = Vec::new();
        if !self.unread.is_empty() {
            items.push(i18n::files_unread(&self.unread, lang));
        }
        if !self.partly_read.is_empty() {
            items.push(i18n::files_partly_read(&self.partly_read, lang));
        }
        let records: Vec<(Kind, usize)> = self.records_by_kind().filter(|&(_, n)| n > 0).collect();
        if !records.is_empty() {
            items.push(i18n::records_left_out(&records, lang));
        }
        if self.config_unread {
            items.push(i18n::config_unread(lang));
        } else {
            if !self.settings.is_empty() {
                items.push(i18n::settings_defaulted(&self.settings, lang));
            }
            if !self.ignored.is_empty() {
                items.push(i18n::settings_ignored(&self.ignored, lang));
            }
        }
        items
    }

    /// Each kind with its records not counted, in [`Kind::ALL`] order.
    pub fn records_by_kind(&self) -> impl Iterator<Item = (Kind, usize)> + '_ {
        Kind::ALL.into_iter().zip(self.records)
    }
}

/// How many records of a kind are valid.
struct Counted<'a>(&'a Dataset, &'a Validity);

impl KindVisitor for Counted<'_> {
    type Out = usize;

    fn visit<R: Stored>(self) -> usize {
        self.0.all::<R>().filter(|r| self.1.record(*r)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::fixture;

    #[test]
    fn clean_data_leaves_nothing_out() {
        let opened = fixture::reports();
        let notice = DataNotice::new(&opened.data, &[], &opened.valid);
        assert!(notice.is_empty());
        assert_eq!(notice.records_left_out(), 0);
    }

    #[test]
    fn what_is_left_out_is_counted_per_kind() {
        // The fixture's errors (metrics::fixture::BAD_LINES): 坏村, whose
        // parent is unknown, and the cadre K5 whose point it is; K5's
        // visit and K9's (an unknown cadre); P8 (rectified before found)
        // and a second P1: 1 region, 1 cadre, 2 visits, 2 problems.
        let (_dir, opened) = fixture::reports_with_errors();
        let notice = DataNotice::new(&opened.data, &opened.findings, &opened.valid);
        assert_eq!(notice.errors, 4);
        let by_kind: Vec<(Kind, usize)> = notice.records_by_kind().collect();
        assert_eq!(
            by_kind,
            [
                (Kind::Regions, 1),
                (Kind::Cadres, 1),
                (Kind::Households, 0),
                (Kind::Visits, 2),
                (Kind::Problems, 2),
                (Kind::Leaves, 0),
                (Kind::Ratings, 0),
                (Kind::Reviews, 0),
            ]
        );
        assert_eq!(notice.records_left_out(), 6);
        assert!(notice.unread.is_empty() && notice.partly_read.is_empty());
        assert!(notice.settings.is_empty() && !notice.config_unread);
        assert_eq!(
            notice.items(Lang::Zh),
            [
                "未计入有错误或引用了出错记录的记录：行政区划 1 条、干部名单 1 条、走访记录 2 条、问题台账 2 条"
            ]
        );
        assert_eq!(
            notice.items(Lang::En),
            [
                "left out, with errors or referring to a record with errors: 1 region, 1 cadre, 2 visits, 2 problems"
            ]
        );
    }
}
