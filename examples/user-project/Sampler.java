import java.util.Map;
import java.util.Random;
import org.cosmoemu.api.ParameterOutOfRangeException;
import org.cosmoemu.likelihoods.Likelihood;
import org.cosmoemu.likelihoods.Likelihoods;
import org.cosmoemu.models.LcdmTheory;
import org.cosmoemu.theory.EmulatorTheory;
import org.cosmoemu.theory.ParameterBases;

/** A user's own Metropolis sampler: DESI DR2 BAO on omega_cdm and H0, the other inputs at Planck 2018. */
public class Sampler {
    public static void main(String[] args) {
        EmulatorTheory theory = LcdmTheory.bundled();                    // networks load on first use
        Likelihood bao = Likelihoods.create("bao", Map.of("dataset", "desi_dr2"));
        double[] x = theory.parameterSpace().point(ParameterBases.get("planck2018")).toArray();
        int om = theory.parameterSpace().indexOf("omega_cdm"), h0 = theory.parameterSpace().indexOf("H0");
        Random rng = new Random(1);
        double lnL = bao.logLike(theory.compute(x, bao.requirements())), sum = 0;
        int n = 20_000, accepted = 0;
        for (int i = 0; i < n; i++) {
            double[] y = x.clone();
            y[om] += 0.003 * rng.nextGaussian();
            y[h0] += 0.6 * rng.nextGaussian();
            try {
                double lnY = bao.logLike(theory.compute(y, bao.requirements()));
                if (Math.log(rng.nextDouble()) < lnY - lnL) { x = y; lnL = lnY; accepted++; }
            } catch (ParameterOutOfRangeException outsideTheEmulatorsBox) { /* a rejected step */ }
            sum += x[h0];
        }
        System.out.printf("H0 = %.2f km/s/Mpc (acceptance %.2f)%n", sum / n, accepted / (double) n);
    }
}
