package org.cosmoemu.examples

import java.nio.file.Path
import org.cosmoemu.cpu.Emulators

/** The API from Scala: load a model, predict, print the first outputs.
  * Run: examples/run-example org.cosmoemu.examples.ScalaQuickstart MODEL
  */
object ScalaQuickstart {
  def main(args: Array[String]): Unit = {
    if (args.isEmpty) {
      System.err.println("usage: ScalaQuickstart MODEL-FILE")
      sys.exit(2)
    }
    val emulator = Emulators.load(Path.of(args(0)))
    val values = emulator.predict(emulator.model().inputMean())
    val grid = emulator.outputGrid()
    println(s"${emulator.name()} (${emulator.backend()}): ${emulator.parameterNames()}")
    for (i <- 0 until math.min(5, values.length)) println(s"  ${grid.label(i)}  ${values(i)}")
  }
}
