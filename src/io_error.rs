//! Input and output errors in the user's words: why a file could not be
//! read or written, said in Chinese or English by bangcun itself rather
//! than in the system's English (`No such file or directory (os error 2)`).
//! [`IoProblem::text`] is the one place that wording lives; every message
//! that shows an I/O error to the user goes through it: the findings of
//! files that cannot be read, the commands' errors ([`in_words`]) and
//! `fmt`'s lines. The system's text is kept as a detail only where bangcun
//! has no words of its own for the error.

use std::fmt;
use std::io;

use crate::lang::{Lang, tr};

/// Why an input or output failed, kept apart from any language so that a
/// finding can say it in the language of its run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IoProblem {
    kind: io::ErrorKind,
    /// The system's error number, where there is one.
    os: Option<i32>,
    /// The error's own text: the system's, or what a library said.
    detail: String,
}

impl IoProblem {
    /// The problem of `err`.
    pub fn of(err: &io::Error) -> IoProblem {
        IoProblem {
            kind: err.kind(),
            os: err.raw_os_error(),
            detail: err.to_string(),
        }
    }

    /// A data file's name that is no regular file (a folder named
    /// `visits.csv`, a device, a named pipe).
    pub fn not_a_file() -> IoProblem {
        IoProblem {
            kind: io::ErrorKind::InvalidInput,
            os: None,
            detail: String::new(),
        }
    }

    /// The problem said for people.
    pub fn text(&self, lang: Lang) -> String {
        use io::ErrorKind as K;
        // A loop of symbolic links has no stable kind of its own yet.
        #[cfg(unix)]
        if self.os == Some(libc::ELOOP) {
            return tr!(
                lang,
                "符号链接层数过多（可能是链接指向了自身，成了循环）",
                "too many levels of symbolic links (a link that leads back to itself?)"
            );
        }
        let detail = &self.detail;
        match self.kind {
            K::InvalidInput if detail.is_empty() => tr!(
                lang,
                "这不是普通文件（是目录或设备）",
                "it is not a regular file (a folder or a device)"
            ),
            K::NotFound => tr!(lang, "文件或目录不存在", "no such file or folder"),
            K::PermissionDenied => tr!(
                lang,
                "没有权限（请检查文件的读写权限）",
                "permission denied (check who may read and write it)"
            ),
            K::AlreadyExists => tr!(
                lang,
                "同名的文件已存在",
                "a file of that name exists already"
            ),
            K::StorageFull => tr!(lang, "磁盘空间已满", "the disk is full"),
            K::QuotaExceeded => tr!(lang, "超出了磁盘配额", "the disk quota is used up"),
            K::FileTooLarge => tr!(lang, "文件太大", "the file is too large"),
            K::IsADirectory => tr!(lang, "这是目录，不是文件", "it is a folder, not a file"),
            K::NotADirectory => tr!(
                lang,
                "路径中有一段不是目录",
                "a part of the path is not a folder"
            ),
            K::TooManyLinks => tr!(lang, "链接数过多", "too many links"),
            K::ReadOnlyFilesystem => tr!(
                lang,
                "所在的磁盘或文件系统是只读的",
                "the disk or file system is read-only"
            ),
            K::InvalidFilename => tr!(
                lang,
                "文件名无效或太长",
                "the file name is invalid or too long"
            ),
            K::ResourceBusy | K::ExecutableFileBusy => tr!(
                lang,
                "文件正被其他程序占用（例如在 Excel 或 WPS 中打开着），请关闭后重试",
                "the file is in use by another program (open in Excel or WPS?); close it and try again"
            ),
            K::OutOfMemory => tr!(lang, "内存不足", "out of memory"),
            K::BrokenPipe => tr!(lang, "输出的管道已关闭", "the pipe it wrote to was closed"),
            K::WriteZero => tr!(lang, "未能写完全部内容", "not everything could be written"),
            K::UnexpectedEof => tr!(lang, "文件意外结束", "the file ends too early"),
            // The content was refused by whoever read it: their words say
            // what is wrong.
            K::InvalidData => tr!(lang, "内容无效：{detail}", "invalid content: {detail}"),
            _ => tr!(lang, "系统错误：{detail}", "system error: {detail}"),
        }
    }
}

/// `err` said for people: [`IoProblem::text`].
pub fn describe(err: &io::Error, lang: Lang) -> String {
    IoProblem::of(err).text(lang)
}

/// A command's error with every I/O error in its chain said in the user's
/// words ([`describe`]), each context kept as it reads: `无法写入
/// /nonexist/s.csv：文件或目录不存在`. A closed pipe is left as it is, for
/// the caller to recognise.
pub fn in_words(err: anyhow::Error, lang: Lang) -> anyhow::Error {
    let is_io = |e: &(dyn std::error::Error + 'static)| e.downcast_ref::<io::Error>().is_some();
    if !err.chain().any(is_io) || is_broken_pipe(&err) {
        return err;
    }
    let parts: Vec<String> = err
        .chain()
        .map(|e| match e.downcast_ref::<io::Error>() {
            Some(io) => describe(io, lang),
            None => e.to_string(),
        })
        .collect();
    anyhow::Error::new(Said {
        text: parts.join(lang.pick("：", ": ")),
    })
}

/// Whether an error is a closed pipe, which ends output quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// An error already said in words, whole.
#[derive(Debug)]
struct Said {
    text: String,
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for Said {}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context as _;

    #[test]
    fn common_errors_in_our_words() {
        // What the system says in English, and what bangcun says instead.
        let cases = [
            (io::ErrorKind::NotFound, "文件或目录不存在"),
            (
                io::ErrorKind::PermissionDenied,
                "没有权限（请检查文件的读写权限）",
            ),
            (io::ErrorKind::StorageFull, "磁盘空间已满"),
            (io::ErrorKind::IsADirectory, "这是目录，不是文件"),
            (io::ErrorKind::AlreadyExists, "同名的文件已存在"),
        ];
        for (kind, zh) in cases {
            assert_eq!(describe(&io::Error::from(kind), Lang::Zh), zh, "{kind:?}");
        }
        #[cfg(unix)]
        {
            let no_space = io::Error::from_raw_os_error(libc::ENOSPC);
            assert_eq!(describe(&no_space, Lang::En), "the disk is full");
            let looped = io::Error::from_raw_os_error(libc::ELOOP);
            assert_eq!(
                describe(&looped, Lang::Zh),
                "符号链接层数过多（可能是链接指向了自身，成了循环）"
            );
            let missing = io::Error::from_raw_os_error(libc::ENOENT);
            assert_eq!(describe(&missing, Lang::En), "no such file or folder");
        }
        // Where bangcun has no words, the error's own text is the detail.
        let other = io::Error::other("xlsx: too many rows");
        assert_eq!(describe(&other, Lang::Zh), "系统错误：xlsx: too many rows");
        assert_eq!(
            IoProblem::not_a_file().text(Lang::Zh),
            "这不是普通文件（是目录或设备）"
        );
    }

    #[test]
    fn a_chain_is_said_with_its_contexts() {
        let err = Err::<(), _>(io::Error::from(io::ErrorKind::NotFound))
            .context("无法写入 /nonexist/s.csv")
            .unwrap_err();
        assert_eq!(
            in_words(err, Lang::Zh).to_string(),
            "无法写入 /nonexist/s.csv：文件或目录不存在"
        );
        // No I/O error in it: as it was.
        let plain = anyhow::anyhow!("统计期间有误");
        assert_eq!(format!("{:#}", in_words(plain, Lang::Zh)), "统计期间有误");
        // A closed pipe stays recognisable.
        let pipe = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(is_broken_pipe(&in_words(pipe, Lang::Zh)));
    }
}
