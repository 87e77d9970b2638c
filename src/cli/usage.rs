//! Usage errors in Chinese: clap's own are English. What is wrong, clap's
//! suggestion, the usage line, and where to read more.

use std::fmt::Write as _;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};

use super::ValueError;
use crate::lang::Lang;

/// clap's usage errors in Chinese: what is wrong, a suggestion where clap
/// has one, the usage line, and where to read more.
pub(super) struct Chinese;

impl ErrorFormatter for Chinese {
    fn format_error(err: &clap::error::Error<Self>) -> StyledStr {
        use UsageError as U;
        let text = |kind: ContextKind| -> Option<String> {
            match err.get(kind)? {
                ContextValue::String(s) => Some(s.clone()),
                ContextValue::Strings(v) => Some(v.join("、")),
                ContextValue::StyledStr(s) => Some(s.to_string()),
                ContextValue::StyledStrs(v) => Some(
                    v.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("、"),
                ),
                ContextValue::Number(n) => Some(n.to_string()),
                _ => None,
            }
        };
        let arg = text(ContextKind::InvalidArg).unwrap_or_default();
        let value = text(ContextKind::InvalidValue).unwrap_or_default();
        let detail = std::error::Error::source(err)
            .and_then(|e| e.downcast_ref::<ValueError>())
            .map(|e| e.text(Lang::Zh));
        // (Help and the version carry their text, and never come here.)
        let problem = match err.kind() {
            // `--data` at the end of the line: no value at all.
            ErrorKind::InvalidValue if value.is_empty() => U::NoValue { arg },
            ErrorKind::InvalidValue => U::InvalidValue {
                arg,
                value,
                valid: text(ContextKind::ValidValue).unwrap_or_default(),
            },
            // A word where no more positional arguments are taken.
            ErrorKind::UnknownArgument if !arg.starts_with('-') => U::Unexpected { value: arg },
            ErrorKind::UnknownArgument => U::UnknownArgument { arg },
            ErrorKind::InvalidSubcommand => U::UnknownCommand {
                name: text(ContextKind::InvalidSubcommand).unwrap_or_default(),
            },
            ErrorKind::NoEquals => U::NoEquals { arg },
            ErrorKind::ValueValidation => U::BadValue {
                arg,
                value,
                detail: detail.unwrap_or_default(),
            },
            ErrorKind::TooManyValues => U::Unexpected { value },
            ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => U::ValueCount { arg },
            ErrorKind::ArgumentConflict => {
                let prior = text(ContextKind::PriorArg).unwrap_or_default();
                if prior == arg {
                    U::Twice { arg }
                } else {
                    U::Conflict { arg, prior }
                }
            }
            ErrorKind::MissingRequiredArgument => U::Missing { arg },
            ErrorKind::MissingSubcommand => U::MissingCommand {
                valid: text(ContextKind::ValidSubcommand).unwrap_or_default(),
            },
            _ => U::Other {
                detail: err.kind().as_str().unwrap_or_default().to_string(),
            },
        };
        let suggestion = [
            ContextKind::SuggestedSubcommand,
            ContextKind::SuggestedArg,
            ContextKind::SuggestedValue,
        ]
        .into_iter()
        .find_map(text);
        let usage = text(ContextKind::Usage).map(|u| {
            u.trim_start()
                .strip_prefix("Usage:")
                .map_or(u.clone(), |rest| rest.trim().to_string())
        });
        let mut out = StyledStr::new();
        out.push_str(&usage_error(
            &problem,
            suggestion.as_deref(),
            usage.as_deref(),
        ));
        out
    }
}

/// What is wrong with a command line, as clap finds it (the parts are
/// clap's: options as `--format <格式>`, values as typed).
#[derive(Clone, Debug, PartialEq, Eq)]
enum UsageError {
    InvalidValue {
        arg: String,
        value: String,
        valid: String,
    },
    NoValue {
        arg: String,
    },
    UnknownArgument {
        arg: String,
    },
    UnknownCommand {
        name: String,
    },
    NoEquals {
        arg: String,
    },
    BadValue {
        arg: String,
        value: String,
        detail: String,
    },
    Unexpected {
        value: String,
    },
    ValueCount {
        arg: String,
    },
    Twice {
        arg: String,
    },
    Conflict {
        arg: String,
        prior: String,
    },
    Missing {
        arg: String,
    },
    MissingCommand {
        valid: String,
    },
    Other {
        detail: String,
    },
}

/// A usage error in Chinese: what is wrong, clap's suggestion, the usage
/// line, and where to read more.
fn usage_error(error: &UsageError, suggestion: Option<&str>, usage: Option<&str>) -> String {
    use UsageError::*;
    let mut out = String::from("错误：");
    let _ = match error {
        InvalidValue { arg, value, valid } => {
            write!(out, "选项 {arg} 的值“{value}”无效；可用的值：{valid}")
        }
        NoValue { arg } => write!(out, "选项 {arg} 后面要给出值"),
        UnknownArgument { arg } => write!(out, "没有“{arg}”这个选项"),
        UnknownCommand { name } => write!(out, "没有“{name}”这个命令"),
        NoEquals { arg } => write!(out, "选项 {arg} 的值要用等号连着写，如 {arg}=值"),
        BadValue { arg, value, detail } if detail.is_empty() => {
            write!(out, "选项 {arg} 的值“{value}”无效")
        }
        BadValue { arg, detail, .. } => write!(out, "选项 {arg} 的值无效：{detail}"),
        Unexpected { value } => write!(out, "多出的参数“{value}”"),
        ValueCount { arg } => write!(out, "选项 {arg} 的值的个数不对"),
        Twice { arg } => write!(out, "选项 {arg} 只能给一次"),
        Conflict { arg, prior } => write!(out, "选项 {arg} 不能与 {prior} 同时使用"),
        Missing { arg } => write!(out, "缺少必需的参数：{arg}"),
        MissingCommand { valid } => write!(out, "缺少命令；可用的命令：{valid}"),
        Other { detail } => write!(out, "命令行有误（{detail}）"),
    };
    out.push('\n');
    if let Some(s) = suggestion {
        let _ = write!(out, "\n  提示：是不是要用“{s}”？\n");
    }
    if let Some(usage) = usage {
        let _ = write!(out, "\n用法：{usage}\n");
    }
    out.push_str("\n加上 --help 可查看说明。\n");
    out
}
