//> using scala 3.3.7
//> using dep org.cosmoemu:cli:0.1.0-SNAPSHOT
//> using repository m2Local
//> using javaOpt --add-modules jdk.incubator.vector
// cosmo-emu from Scala: the cells of quickstart.main.kts (and quickstart.ipynb), in the same order.
// Run it (the SDK installed in the local Maven repository, e.g. `./build -q install -DskipTests`):
//     scala-cli run examples/notebooks/quickstart.sc
// The build compiles these cells as a function (Scala 2.13), so they cannot rot.

import java.nio.file.Path
import org.cosmoemu.api.{EmulatorOptions, Precision}
import org.cosmoemu.likelihoods.Likelihoods
import org.cosmoemu.models.{BundledModels, LcdmTheory}
import org.cosmoemu.theory.{CmbSpectra, ParameterBases, Reparametrisation}

// %% [markdown]
// ## A bundled emulator: lensed TT from l = 2 to 3000

// %%
val tt = BundledModels.lcdm().tt()
println(s"inputs: ${tt.parameterNames()}")
println(s"output: ${tt.quantity().name()} [${tt.quantity().units()}], ell factor ${tt.quantity().ellFactor().token()}")

// %% [markdown]
// ## Predict at the Planck 2018 means; D_l in muK^2

// %%
val planck = ParameterBases.get(ParameterBases.PLANCK2018)
val point = tt.parameterSpace().point(planck).toArray()
val dl = tt.predict(point).map(_ * CmbSpectra.MUK2)
val peak = dl.indices.maxBy(i => dl(i))
println(f"first acoustic peak at l = ${tt.outputGrid().value(peak).toInt}: D_l = ${dl(peak)}%.1f muK^2")

// %% [markdown]
// ## float32 weights: about twice as fast, ~1e-6 relative difference

// %%
val tt32 = BundledModels.get(BundledModels.LCDM_TT, EmulatorOptions.defaults().withPrecision(Precision.FLOAT32))
val dl32 = tt32.predict(point).map(_ * CmbSpectra.MUK2)
println(s"max |f32/f64 - 1| = ${dl.indices.map(i => math.abs(dl32(i) / dl(i) - 1)).max}")

// %% [markdown]
// ## The ACT DR6 lensing likelihood at sigma8 = 0.8, Omega_m = 0.31 (A_s and omega_cdm solved for)

// %%
val theory = LcdmTheory.bundled()
val act = Likelihoods.create("act_dr6_lensing", java.util.Map.of("variant", "act_baseline"))
val solved = Reparametrisation.of(theory).targets().set("sigma8", 0.8).set("Omega_m", 0.31).solve(planck)
val lnL = act.logLike(theory.compute(solved.inputArray(), act.requirements()))
println(s"inputs ${solved.inputs()}")
println(s"lnL = $lnL, chi2 = ${-2 * lnL}")

// %% [markdown]
// ## A sweep of n_s, written as a PNG (and as a PDF for a paper)

// %%
val png = Path.of(System.getProperty("java.io.tmpdir"), "tt_ns_scala.png")
org.cosmoemu.plots.SpectrumFigures.parameterSweep("lcdm/tt", "n_s", 10, planck, png)
org.cosmoemu.plots.SpectrumFigures.parameterSweep("lcdm/tt", "n_s", 10, planck, png.resolveSibling("tt_ns_scala.pdf"))
println(s"wrote $png")
