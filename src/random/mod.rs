//! Random numbers the same as NumPy's.
//!
//! * [`Generator`]: NumPy's `np.random.default_rng(seed)` — PCG64 seeded through
//!   `SeedSequence`, and NumPy's algorithms for each distribution (ziggurat normals and
//!   exponentials, Lemire bounded integers, Floyd sampling, Fisher-Yates shuffles), bit for bit.
//! * `Array::random(shape, seed)`: NumPy's legacy `np.random.seed(seed); random_sample(shape)`
//!   (MT19937), a lazy node computed when evaluated.
//!
//! Layers: the bit generators, seeding, ziggurat and bounded-integer samplers are plain
//! arithmetic (layer 0, no other module of the crate); `generator.rs` and `sampling.rs` are
//! user API (layer 2), building arrays.

mod bounded;
mod generator;
mod legacy;
mod pcg64;
mod sampling;
mod seed_sequence;
mod ziggurat;
mod ziggurat_tables;

pub use generator::Generator;
pub(crate) use legacy::Mt19937;
pub use sampling::Population;
