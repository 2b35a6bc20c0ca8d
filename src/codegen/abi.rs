//! The calling convention of a compiled kernel, shared by the code generator and the executor.
//!
//! A kernel is `extern "C" fn(args: *mut i64, begin: i64, end: i64) -> i32`. The outermost loop
//! runs over `begin..end` (so a launch can be split across threads); everything else comes in
//! the argument block, laid out by [`ArgLayout`]:
//!
//! ```text
//! extents[rank]                                  level 0 (innermost) first
//! per access:  base, stride[rank]                bytes for buffers; elements for positions
//! per gather:  stride, len                       in the order of the accesses' gathers
//! error:       code, which, value                written by the kernel when it stops early
//! parameters:  one per parameter constant        its bits, zero-extended (little-endian)
//! ```
//! Parameters ([`KernelSpec::parameters`]) are the spec's constants passed at launch, so one
//! compiled kernel serves every value of them.
//! The return value is 0 on success, or an [`ErrorCode`].

use lazyarray_ir::kernel::KernelSpec;

/// Why a kernel stopped early; `which` and `value` in the error slots say more.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[repr(i32)]
pub enum ErrorCode {
    /// A gather index outside its axis: `which` = gather id, `value` = the index.
    IndexOutOfBounds = 1,
    /// An integer raised to a negative power: `which` = the expression id.
    NegativePower = 2,
}

/// The signature of every compiled kernel.
pub type KernelFn = unsafe extern "C" fn(args: *mut i64, begin: i64, end: i64) -> i32;

/// Where each argument lives in the argument block.
#[derive(Clone, Debug)]
pub struct ArgLayout {
    /// Slot of each access's base; its strides follow.
    pub access: Vec<usize>,
    /// Per access, the slot of each gather's (stride, len).
    pub gather: Vec<Vec<usize>>,
    /// First of the three error slots.
    pub error: usize,
    /// Slot of the first parameter.
    pub params: usize,
    /// The parameters' values as the slots hold them.
    pub parameters: Vec<i64>,
    /// Total number of slots.
    pub len: usize,
}

impl ArgLayout {
    /// The layout for `spec`.
    pub fn of(spec: &KernelSpec) -> ArgLayout {
        let rank = spec.rank;
        let mut next = rank;
        let mut access = Vec::with_capacity(spec.accesses.len());
        for _ in &spec.accesses {
            access.push(next);
            next += 1 + rank;
        }
        let mut gather = Vec::with_capacity(spec.accesses.len());
        for a in &spec.accesses {
            let mut slots = Vec::with_capacity(a.gathers.len());
            for _ in &a.gathers {
                slots.push(next);
                next += 2;
            }
            gather.push(slots);
        }
        let error = next;
        let params = error + 3;
        let parameters: Vec<i64> = spec.parameters().iter().map(|p| p.bits() as i64).collect();
        ArgLayout {
            access,
            gather,
            error,
            params,
            len: params + parameters.len(),
            parameters,
        }
    }

    /// Slot of an access's stride at `level`.
    pub fn stride(&self, access: usize, level: usize) -> usize {
        self.access[access] + 1 + level
    }
}
