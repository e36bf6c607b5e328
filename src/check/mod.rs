//! Checking passwords against a canonical policy.
