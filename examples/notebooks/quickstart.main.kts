// cosmo-emu from Kotlin, as a notebook user meets it. Each "// %%" starts a cell (Jupytext percent format).
//
// Run it (Kotlin 2.x; the SDK installed in the local Maven repository, e.g. `./build -q install -DskipTests`):
//     kotlin examples/notebooks/quickstart.main.kts
// The same cells: quickstart.ipynb (Kotlin Jupyter kernel) and quickstart.sc (Scala, scala-cli), kept in sync by
// NotebookTest. examples/user-project/check.sh runs this file unmodified through the Kotlin script host; the build
// also compiles its cells as a function, so they cannot rot between those runs.

@file:DependsOn("org.cosmoemu:cli:0.1.0-SNAPSHOT")

import java.nio.file.Path
import org.cosmoemu.api.EmulatorOptions
import org.cosmoemu.api.Precision
import org.cosmoemu.likelihoods.Likelihoods
import org.cosmoemu.models.BundledModels
import org.cosmoemu.theory.CmbSpectra
import org.cosmoemu.models.LcdmTheory
import org.cosmoemu.theory.ParameterBases
import org.cosmoemu.theory.Reparametrisation

// %% [markdown]
// ## A bundled emulator: lensed TT from l = 2 to 3000

// %%
val tt = BundledModels.lcdm().tt()
println("inputs: ${tt.parameterNames()}")
println("output: ${tt.quantity().name()} [${tt.quantity().units()}], ell factor ${tt.quantity().ellFactor().token()}")

// %% [markdown]
// ## Predict at the Planck 2018 means; D_l in muK^2

// %%
val planck = ParameterBases.get(ParameterBases.PLANCK2018)
val dl = tt.predict(planck).map { it * CmbSpectra.MUK2 }
val peak = dl.indices.maxByOrNull { dl[it] }!!
println("first acoustic peak at l = ${tt.outputGrid().value(peak).toInt()}: D_l = ${"%.1f".format(dl[peak])} muK^2")

// %% [markdown]
// ## float32 weights: about twice as fast, ~1e-6 relative difference

// %%
val tt32 = BundledModels.get(BundledModels.LCDM_TT, EmulatorOptions.defaults().withPrecision(Precision.FLOAT32))
val dl32 = tt32.predict(planck).map { it * CmbSpectra.MUK2 }
println("max |f32/f64 - 1| = ${dl.indices.maxOf { kotlin.math.abs(dl32[it] / dl[it] - 1) }}")

// %% [markdown]
// ## The ACT DR6 lensing likelihood at sigma8 = 0.8, Omega_m = 0.31 (A_s and omega_cdm solved for)

// %%
val theory = LcdmTheory.bundled()
val act = Likelihoods.create("act_dr6_lensing", mapOf("variant" to "act_baseline"))
val solved = Reparametrisation.of(theory).targets().set("sigma8", 0.8).set("Omega_m", 0.31).solve(planck)
val lnL = act.logLike(theory.compute(solved.inputArray(), act.requirements()))
println("inputs ${solved.inputs()}")
println("lnL = $lnL, chi2 = ${-2 * lnL}")

// %% [markdown]
// ## A sweep of n_s, written as a PNG (and as a PDF for a paper)

// %%
val png = Path.of(System.getProperty("java.io.tmpdir"), "tt_ns.png")
org.cosmoemu.plots.SpectrumFigures.parameterSweep("lcdm/tt", "n_s", 10, planck, png)
org.cosmoemu.plots.SpectrumFigures.parameterSweep("lcdm/tt", "n_s", 10, planck, png.resolveSibling("tt_ns.pdf"))
println("wrote $png")
