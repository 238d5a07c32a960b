mod compare;
mod derived;
mod sweep;
