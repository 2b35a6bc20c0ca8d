//! The JIT: one Cranelift module for the process, and the kernel cache in front of it.
//!
//! Kernels are compiled on one thread at a time (the module sits behind a mutex) and looked up
//! by structure without it; a compiled kernel is a plain function pointer, callable from any
//! thread. Compiled code lives as long as the process (the module is never freed, so no
//! pointer handed out can dangle).

use crate::codegen::abi::KernelFn;
use crate::codegen::translate::Translator;
use cranelift_codegen::Context;
use cranelift_codegen::ir::{AbiParam, UserFuncName, types};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{Linkage, Module, default_libcall_names};
use lazyarray_ir::kernel::KernelSpec;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::Instant;

/// A compiled kernel.
#[derive(Copy, Clone, Debug)]
pub(crate) struct Compiled {
    pub f: KernelFn,
    /// Time spent compiling it, in milliseconds.
    pub compile_ms: f64,
    /// Whether level 0 runs as vectors (a vector body Cranelift cannot lower falls back to
    /// scalar code).
    pub vectorized: bool,
}

/// How a cache lookup went.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum CacheOutcome {
    Hit,
    Compiled,
}

struct Jit {
    module: JITModule,
    ctx: Context,
    fctx: FunctionBuilderContext,
    next: u32,
}

// SAFETY: `JITModule` is `Send`; the raw addresses it holds are of code it compiled and of
// functions in this binary, valid on every thread. `Jit` is only used behind a `Mutex`.
unsafe impl Send for Jit {}

struct Cache {
    kernels: RwLock<HashMap<Arc<KernelSpec>, Compiled>>,
    jit: Mutex<Option<Result<Jit, String>>>,
}

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| Cache {
        kernels: RwLock::new(HashMap::new()),
        jit: Mutex::new(None),
    })
}

/// The compiled kernel for `spec`, compiling it on a miss.
///
/// The cache is keyed by the spec's [`KernelSpec::structure`], and that is what is compiled: a
/// kernel reads its parameter constants from its argument block, so specs that differ only in
/// them share one compiled kernel (and the cache, which never evicts, stays bounded by the
/// program's distinct structures rather than growing with every constant).
pub(crate) fn kernel(spec: &KernelSpec) -> Result<(Compiled, CacheOutcome), String> {
    let structure = spec.structure();
    let spec = &structure;
    let c = cache();
    if let Some(k) = c.kernels.read().expect("kernel cache poisoned").get(spec) {
        return Ok((*k, CacheOutcome::Hit));
    }
    let mut guard = c.jit.lock().expect("JIT poisoned");
    // Another thread may have compiled it while we waited.
    if let Some(k) = c.kernels.read().expect("kernel cache poisoned").get(spec) {
        return Ok((*k, CacheOutcome::Hit));
    }
    let jit = guard
        .get_or_insert_with(Jit::new)
        .as_mut()
        .map_err(|e| e.clone())?;
    let compiled = jit.compile(spec)?;
    c.kernels
        .write()
        .expect("kernel cache poisoned")
        .insert(Arc::new(spec.clone()), compiled);
    Ok((compiled, CacheOutcome::Compiled))
}

impl Jit {
    fn new() -> Result<Jit, String> {
        let mut flags = settings::builder();
        let set = |f: &mut settings::Builder, k: &str, v: &str| {
            f.set(k, v).map_err(|e| format!("{k}={v}: {e}"))
        };
        set(&mut flags, "use_colocated_libcalls", "false")?;
        set(&mut flags, "is_pic", "false")?;
        set(&mut flags, "opt_level", "speed")?;
        set(
            &mut flags,
            "enable_verifier",
            if cfg!(debug_assertions) {
                "true"
            } else {
                "false"
            },
        )?;
        let isa = cranelift_native::builder()
            .map_err(|e| format!("host not supported by Cranelift: {e}"))?
            .finish(settings::Flags::new(flags))
            .map_err(|e| e.to_string())?;
        // Kernels call scalar functions (the op tables' calls) by address, so no symbol is
        // registered here.
        let module = JITModule::new(JITBuilder::with_isa(isa, default_libcall_names()));
        Ok(Jit {
            ctx: module.make_context(),
            module,
            fctx: FunctionBuilderContext::new(),
            next: 0,
        })
    }

    fn compile(&mut self, spec: &KernelSpec) -> Result<Compiled, String> {
        let start = Instant::now();
        let (f, vectorized) = match self.compile_variant(spec, spec.vectorize) {
            Ok(f) => (f, spec.vectorize),
            Err(_) if spec.vectorize => (self.compile_variant(spec, false)?, false),
            Err(e) => return Err(e),
        };
        Ok(Compiled {
            f,
            compile_ms: start.elapsed().as_secs_f64() * 1e3,
            vectorized,
        })
    }

    fn compile_variant(&mut self, spec: &KernelSpec, vector: bool) -> Result<KernelFn, String> {
        let mut sig = self.module.make_signature();
        sig.params.push(AbiParam::new(types::I64));
        sig.params.push(AbiParam::new(types::I64));
        sig.params.push(AbiParam::new(types::I64));
        sig.returns.push(AbiParam::new(types::I32));
        self.next += 1;
        let name = format!("kernel_{}", self.next);
        let id = self
            .module
            .declare_function(&name, Linkage::Local, &sig)
            .map_err(|e| e.to_string())?;
        self.module.clear_context(&mut self.ctx);
        self.ctx.func.signature = sig;
        self.ctx.func.name = UserFuncName::user(0, id.as_u32());
        {
            let mut b = FunctionBuilder::new(&mut self.ctx.func, &mut self.fctx);
            Translator::new(&mut b, spec, vector).emit();
            b.seal_all_blocks();
            b.finalize(self.module.target_config());
        }
        if crate::debug::level() >= 4 {
            eprintln!(
                "lazyarray: Cranelift IR of {name} ({}):\n{}",
                if vector { "vector" } else { "scalar" },
                self.ctx.func.display()
            );
        }
        let defined = self.module.define_function(id, &mut self.ctx);
        if let Err(e) = defined {
            self.module.clear_context(&mut self.ctx);
            return Err(format!("{e:?}"));
        }
        self.module.clear_context(&mut self.ctx);
        self.module
            .finalize_definitions()
            .map_err(|e| e.to_string())?;
        let code = self.module.get_finalized_function(id);
        // SAFETY: the function was just defined with exactly `KernelFn`'s signature, and the
        // module (which owns the code) is never freed.
        Ok(unsafe { std::mem::transmute::<*const u8, KernelFn>(code) })
    }
}
