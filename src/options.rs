//! Evaluation options: which rewrites run.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::OnceLock;

/// The optimizer's rewrites; each can be switched off.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// Operations on constants are computed while planning.
    ConstantFold,
    /// `x*1 → x`, `x**2 → x*x`, `x**0.5 → sqrt(x)`, `-(-x) → x`, `astype` to the same dtype, …
    Identities,
    /// `flatten()` never copies (a copy is never observable under value semantics).
    FlattenView,
    /// `tile` and scalar `repeat` become zero-stride (broadcast) views.
    TileToBroadcast,
    /// `take` / fancy indexing with an arithmetic sequence becomes a strided slice.
    TakeToSlice,
    /// A boolean mask with one run of true values becomes a slice.
    MaskToSlice,
    /// `a[mask].sum()` (and prod, min, max, any, all, mean) reduces `where(mask, a, neutral)`.
    MaskedReduction,
    /// A chain of views becomes one strided view.
    ComposeViews,
    /// Common subexpressions are computed once.
    Cse,
}

impl Rule {
    /// Every rule, in the order the optimizer tries them.
    pub const ALL: [Rule; 9] = [
        Rule::ConstantFold,
        Rule::Identities,
        Rule::FlattenView,
        Rule::TileToBroadcast,
        Rule::TakeToSlice,
        Rule::MaskToSlice,
        Rule::MaskedReduction,
        Rule::ComposeViews,
        Rule::Cse,
    ];

    /// The rule's name, as `explain()` prints it and `LAZYARRAY_DISABLE` lists it.
    pub const fn name(self) -> &'static str {
        match self {
            Rule::ConstantFold => "constant_fold",
            Rule::Identities => "identities",
            Rule::FlattenView => "flatten_view",
            Rule::TileToBroadcast => "tile_to_broadcast",
            Rule::TakeToSlice => "take_to_slice",
            Rule::MaskToSlice => "mask_to_slice",
            Rule::MaskedReduction => "masked_reduction",
            Rule::ComposeViews => "compose_views",
            Rule::Cse => "cse",
        }
    }

    /// The rule called `name`.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which rewrites run. By default all do, except those named in the environment variable
/// `LAZYARRAY_DISABLE` (comma-separated rule names; unknown names are ignored).
///
/// ```
/// use lazyarray::{Array, Options, Rule};
/// let a = Array::arange(0.0, 6.0, 1.0).tile(&[2]);
/// let naive = Options::default().disable(Rule::TileToBroadcast);
/// let v = a.eval_with(&naive).unwrap().to_vec::<f64>().unwrap();
/// assert_eq!(v.len(), 12);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Options {
    disabled: BTreeSet<Rule>,
}

impl Default for Options {
    fn default() -> Options {
        // Read once: the environment does not change under a running program.
        static FROM_ENV: OnceLock<Options> = OnceLock::new();
        FROM_ENV
            .get_or_init(|| {
                let mut o = Options::all();
                if let Ok(list) = std::env::var("LAZYARRAY_DISABLE") {
                    o.disabled
                        .extend(list.split(',').filter_map(|s| Rule::from_name(s.trim())));
                }
                o
            })
            .clone()
    }
}

impl Options {
    /// Every rewrite on (ignoring `LAZYARRAY_DISABLE`).
    pub fn all() -> Options {
        Options {
            disabled: BTreeSet::new(),
        }
    }

    /// Every rewrite off: the graph is planned as written (fusion still happens: that is the
    /// planner's job, not a rewrite's).
    pub fn none() -> Options {
        Options {
            disabled: Rule::ALL.into_iter().collect(),
        }
    }

    /// Switches one rewrite off.
    pub fn disable(mut self, rule: Rule) -> Options {
        self.disabled.insert(rule);
        self
    }

    /// Switches one rewrite on.
    pub fn enable(mut self, rule: Rule) -> Options {
        self.disabled.remove(&rule);
        self
    }

    /// Whether the rewrite called `name` runs.
    pub fn enabled(&self, name: &str) -> bool {
        Rule::from_name(name).is_none_or(|r| !self.disabled.contains(&r))
    }
}
