package org.jmasq.testbed.emulator;

/** Exact tails of the binomial law, to test a random count with a known chance of a false alarm. */
final class Binomial {

  private Binomial() {}

  /**
   * The narrowest {@code [low, high]} such that a Binomial({@code n}, {@code p}) count falls below
   * {@code low} with chance at most {@code alpha / 2}, and above {@code high} likewise.
   */
  static long[] bounds(long n, double p, double alpha) {
    double[] logPmf = new double[(int) n + 1];
    for (int k = 0; k <= n; k++) {
      logPmf[k] = logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p);
    }
    long low = 0;
    double tail = 0;
    while (low <= n && tail + Math.exp(logPmf[(int) low]) <= alpha / 2) {
      tail += Math.exp(logPmf[(int) low]);
      low++;
    }
    long high = n;
    tail = 0;
    while (high >= 0 && tail + Math.exp(logPmf[(int) high]) <= alpha / 2) {
      tail += Math.exp(logPmf[(int) high]);
      high--;
    }
    return new long[] {low, high};
  }

  private static double logChoose(long n, long k) {
    return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
  }

  private static double logFactorial(long n) {
    double sum = 0;
    for (long i = 2; i <= n; i++) {
      sum += Math.log(i);
    }
    return sum;
  }
}
