mod compare;
mod sweep;
