//! `unknown-category`: a problem category not configured in
//! `bangcun.toml`.

use super::Context;
use crate::finding::{Check, Describe, Finding, Severity};
use crate::lang::{Lang, tr};

pub static UNKNOWN_CATEGORY: Check = Check {
    name: "unknown-category",
    severity: Severity::Error,
    about: "a problem category that is not in bangcun.toml's categories",
    about_zh: "问题类别不在 bangcun.toml 的 categories 中",
};

/// A category none of the `allowed` ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCategory {
    pub category: String,
    pub allowed: Vec<String>,
}

impl Describe for UnknownCategory {
    fn text(&self, lang: Lang) -> String {
        let category = &self.category;
        tr!(
            lang,
            "类别“{category}”不在 bangcun.toml 的 categories 中",
            "category \"{category}\" is not among the categories in bangcun.toml",
        )
    }

    fn help(&self, lang: Lang) -> Option<String> {
        let list = self.allowed.join(lang.pick("、", ", "));
        Some(tr!(
            lang,
            "使用以下类别之一：{list}；或在 bangcun.toml 的 categories 中添加",
            "use one of: {list}; or add it to categories in bangcun.toml",
        ))
    }
}

pub fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let allowed = &ctx.config.categories;
    for p in &ctx.data.problems {
        if !allowed.iter().any(|c| **c == *p.category) {
            let message = UnknownCategory {
                category: p.category.to_string(),
                allowed: allowed.clone(),
            };
            out.push(
                Finding::new(&UNKNOWN_CATEGORY, p.span, message)
                    .field("category")
                    .value(p.category.clone()),
            );
        }
    }
}
