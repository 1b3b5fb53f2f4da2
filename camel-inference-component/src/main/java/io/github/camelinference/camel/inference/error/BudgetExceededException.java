package io.github.camelinference.camel.inference.error;

/** The budget guard refused the call: the key's spend in the current window reached its limit. */
public class BudgetExceededException extends InferenceException {

    public BudgetExceededException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.BUDGET_EXCEEDED, details, cause);
    }
}
