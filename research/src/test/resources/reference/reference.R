# Reference figures for research's tests (R's lm + sandwich::vcovCL, Debian packages
# r-base-core, r-cran-sandwich, r-cran-lmtest). Run from this directory:
#   Rscript reference.R
# It reads ancova.csv and writes ancova-reference.csv and icc-reference.csv.
suppressPackageStartupMessages({library(sandwich); library(lmtest)})
d <- read.csv("ancova.csv")
fit <- lm(endline ~ treatment + baseline + learner_female, data = d)
naive <- sqrt(diag(vcov(fit)))
cr1 <- sqrt(diag(vcovCL(fit, cluster = ~school, type = "HC1")))
out <- data.frame(term = names(coef(fit)), estimate = unname(coef(fit)),
                  se_naive = unname(naive), se_cr1 = unname(cr1))
write.csv(format(out, digits = 17), "ancova-reference.csv", row.names = FALSE, quote = FALSE)
# One-way ANOVA ICC of the endline across schools.
a <- anova(lm(endline ~ factor(school), data = d))
msb <- a[1, "Mean Sq"]; msw <- a[2, "Mean Sq"]
k <- length(unique(d$school)); N <- nrow(d); ni <- table(d$school)
n0 <- (N - sum(ni^2) / N) / (k - 1)
icc <- (msb - msw) / (msb + (n0 - 1) * msw)
write.csv(format(data.frame(msb = msb, msw = msw, n0 = n0, icc = icc), digits = 17), "icc-reference.csv",
          row.names = FALSE, quote = FALSE)
cat(R.version.string, "; sandwich", as.character(packageVersion("sandwich")), "\n", file = "r-version.txt")
