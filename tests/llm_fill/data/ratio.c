/* A stub no behavioural check can reach: floating point is outside both difftest methods'
 * input model, and the crate has no tests (tests/llm_fill/test_evidence.py). */
double ratio(double a, double b)
{
  if (b == 0.0)
    return 0.0;
  return a / b;
}
