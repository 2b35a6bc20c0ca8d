//! The emitters on their own, JIT-compiled into `load, f, store` functions of one scalar or
//! one vector: each against libm over its whole domain, each lane of a vector equal to the
//! scalar form (quicker to iterate on than through arrays; `tests/math.rs` checks the ops).

use cranelift_codegen::ir::{AbiParam, InstBuilder, MemFlagsData, Type, Value, types};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{Linkage, Module, default_libcall_names};
use lazyarray_ir::DType;

type Emit = fn(&mut FunctionBuilder, Value, DType) -> Value;
/// A function's name, emitter and libm's float64 and float32 forms.
type Case = (&'static str, Emit, fn(f64) -> f64, fn(f32) -> f32);

/// `*out = f(*input)` on one value of type `ty`.
fn compile(ty: Type, d: DType, f: Emit) -> extern "C" fn(*const u8, *mut u8) {
    let mut flags = settings::builder();
    flags.set("opt_level", "speed").unwrap();
    let isa = cranelift_native::builder()
        .unwrap()
        .finish(settings::Flags::new(flags))
        .unwrap();
    // Leaked: the code lives as long as the test process.
    let module = Box::leak(Box::new(JITModule::new(JITBuilder::with_isa(
        isa,
        default_libcall_names(),
    ))));
    let mut sig = module.make_signature();
    sig.params.push(AbiParam::new(types::I64));
    sig.params.push(AbiParam::new(types::I64));
    let id = module.declare_function("f", Linkage::Local, &sig).unwrap();
    let mut ctx = module.make_context();
    ctx.func.signature = sig;
    let mut fctx = FunctionBuilderContext::new();
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let p = b.block_params(entry).to_vec();
        let x = b.ins().load(ty, MemFlagsData::new().with_notrap(), p[0], 0);
        let y = f(&mut b, x, d);
        b.ins().store(MemFlagsData::new().with_notrap(), y, p[1], 0);
        b.ins().return_(&[]);
        b.seal_all_blocks();
        b.finalize(module.target_config());
    }
    module.define_function(id, &mut ctx).unwrap();
    module.finalize_definitions().unwrap();
    let code = module.get_finalized_function(id);
    // SAFETY: the function just compiled has this signature.
    unsafe { std::mem::transmute::<*const u8, extern "C" fn(*const u8, *mut u8)>(code) }
}

fn ulps64(a: f64, b: f64) -> u64 {
    if a.is_nan() || b.is_nan() {
        return if a.is_nan() && b.is_nan() {
            0
        } else {
            u64::MAX
        };
    }
    let key = |v: f64| {
        let i = v.to_bits() as i64;
        if i < 0 { i64::MIN - i } else { i }
    };
    key(a).abs_diff(key(b))
}

fn ulps32(a: f32, b: f32) -> u64 {
    if a.is_nan() || b.is_nan() {
        return if a.is_nan() && b.is_nan() {
            0
        } else {
            u64::MAX
        };
    }
    let key = |v: f32| {
        let i = i64::from(v.to_bits() as i32);
        if i < 0 { i64::from(i32::MIN) - i } else { i }
    };
    key(a).abs_diff(key(b))
}

/// Inputs: random bit patterns over the whole range, dense near 0 and ±(0..50), edges.
fn inputs(n: usize) -> Vec<f64> {
    let mut s = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let mut v = Vec::with_capacity(n + 32);
    for i in 0..n {
        let r = next();
        v.push(match i % 3 {
            0 => f64::from_bits(r),
            1 => (r >> 11) as f64 / (1u64 << 53) as f64 * 100.0 - 50.0,
            _ => f64::from_bits((r & 0x800F_FFFF_FFFF_FFFF) | (0x3B0 + r % 0x90) << 52),
        });
    }
    v.extend([
        0.0,
        -0.0,
        5e-324,
        -5e-324,
        1e-300,
        0.346_573_590_279_972_65,
        -0.346_573_590_279_972_65,
        709.78,
        709.782_712_893_384,
        709.79,
        -40.0,
        -37.5,
        -745.2,
        f64::MAX,
        f64::MIN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
    ]);
    v
}

/// `f` against `libm` in float64 on `x`: each lane of the vector form equal to the scalar
/// form, within 4 ulp of libm; returns the worst distance and where.
fn check64(f: Emit, libm: fn(f64) -> f64, x: &[f64]) -> (u64, f64) {
    let scalar = compile(types::F64, DType::F64, f);
    let vector = compile(types::F64X2, DType::F64, f);
    let mut worst = (0, 0.0);
    for pair in x.chunks_exact(2) {
        let mut v = [0.0f64; 2];
        vector(pair.as_ptr().cast(), v.as_mut_ptr().cast());
        for (&xi, &vi) in pair.iter().zip(&v) {
            let mut s = 0.0f64;
            scalar((&xi as *const f64).cast(), (&mut s as *mut f64).cast());
            assert_eq!(
                s.to_bits(),
                vi.to_bits(),
                "f({xi:e}): scalar {s:e}, lane {vi:e}"
            );
            let want = libm(xi);
            let d = ulps64(s, want);
            assert!(d <= 4, "f({xi:e}) = {s:e}, libm {want:e}: {d} ulp");
            if d > worst.0 {
                worst = (d, xi);
            }
        }
    }
    worst
}

/// As [`check64`] in float32.
fn check32(f: Emit, libm: fn(f32) -> f32, x: &[f32]) -> (u64, f32) {
    let scalar = compile(types::F32, DType::F32, f);
    let vector = compile(types::F32X4, DType::F32, f);
    let mut worst = (0, 0.0);
    for quad in x.chunks_exact(4) {
        let mut v = [0.0f32; 4];
        vector(quad.as_ptr().cast(), v.as_mut_ptr().cast());
        for (&xi, &vi) in quad.iter().zip(&v) {
            let mut s = 0.0f32;
            scalar((&xi as *const f32).cast(), (&mut s as *mut f32).cast());
            assert_eq!(
                s.to_bits(),
                vi.to_bits(),
                "f({xi:e}): scalar {s:e}, lane {vi:e}"
            );
            let want = libm(xi);
            let d = ulps32(s, want);
            assert!(d <= 4, "f({xi:e}) = {s:e}, libm {want:e}: {d} ulp");
            if d > worst.0 {
                worst = (d, xi);
            }
        }
    }
    worst
}

fn inputs32(n: usize) -> Vec<f32> {
    let mut v: Vec<f32> = inputs(n).into_iter().map(|v| v as f32).collect();
    // random f32 bit patterns too
    let mut s = 0x2545_F491u32;
    for _ in 0..n / 2 {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        v.push(f32::from_bits(s));
    }
    v.extend([
        88.72, 88.73, -17.0, -16.6, 1e-40, -1e-40, 1.0, -1.0, 0.0, -0.0,
    ]);
    v.truncate(v.len() / 4 * 4);
    v
}

#[test]
fn every_emitter_is_within_4_ulp_of_libm_scalar_and_vector_alike() {
    let x = inputs(600_000);
    let x32 = inputs32(600_000);
    let cases: [Case; 6] = [
        ("expm1", super::expm1, f64::exp_m1, f32::exp_m1),
        ("log", super::log, f64::ln, f32::ln),
        ("log1p", super::log1p, f64::ln_1p, f32::ln_1p),
        ("sin", super::sin, f64::sin, f32::sin),
        ("cos", super::cos, f64::cos, f32::cos),
        ("tanh", super::tanh, f64::tanh, f32::tanh),
    ];
    for (name, f, l64, l32) in cases {
        let w = check64(f, l64, &x);
        eprintln!("{name} f64: worst {} ulp at {:e}", w.0, w.1);
        let w = check32(f, l32, &x32);
        eprintln!("{name} f32: worst {} ulp at {:e}", w.0, w.1);
    }
}

/// float32 `tanh` switches formulas at 0.625 and its large-argument form's error is largest
/// just above: every float32 in `[0.25, 4)` (four binades, both signs through the odd
/// symmetry of the code) within 4 ulp of libm.
#[test]
fn tanh_f32_exhaustively_around_its_switch() {
    let lo = 0.25f32.to_bits();
    let hi = 4.0f32.to_bits();
    let x: Vec<f32> = (lo..hi).map(f32::from_bits).collect();
    let w = check32(super::tanh, f32::tanh, &x);
    eprintln!("tanh f32 on [0.25, 4): worst {} ulp at {:e}", w.0, w.1);
}
