package org.cosmoemu.examples

import java.nio.file.Path
import kotlin.system.exitProcess
import org.cosmoemu.api.EmulatorOptions
import org.cosmoemu.api.Precision
import org.cosmoemu.cpu.Emulators

/**
 * The API from Kotlin: load a model, predict at a named point, read the grid.
 * Run: examples/run-example org.cosmoemu.examples.KotlinQuickstartKt MODEL
 */
fun main(args: Array<String>) {
    if (args.isEmpty()) {
        System.err.println("usage: KotlinQuickstart MODEL-FILE")
        exitProcess(2)
    }
    val emulator = Emulators.load(Path.of(args[0]), EmulatorOptions.defaults().withPrecision(Precision.FLOAT32))
    // A point at the centre of each parameter's standardisation (any in-range point works).
    val point = emulator.model().inputMean()
    val values = emulator.predict(point)
    val grid = emulator.outputGrid()
    println("${emulator.name()} (${emulator.backend()}): ${emulator.parameterNames()}")
    for (i in 0 until minOf(5, values.size)) {
        println("  ${grid.label(i)}  ${values[i]}")
    }
}
