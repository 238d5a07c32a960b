//! Shards of a sweep: `i/n` is every n-th variant of the grid starting with the i-th
//! (interleaved, so that shards of a grid whose cost varies along an axis stay alike).
//! Rows keep their numbers in the whole grid, so the shards' outputs merge back into
//! the whole sweep's.

use std::fmt;
use std::str::FromStr;

/// The `index`-th (from 1) of `count` interleaved slices of a grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    index: usize,
    count: usize,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ShardError {
    #[error("`{0}` is not a shard: write I/N, e.g. 2/8 for the second of eight")]
    Shape(String),
    #[error("the shard count must be at least 1, not 0")]
    NoShards,
    #[error("shard {index} of {count} does not exist: shards are numbered 1 to {count}")]
    OutOfRange { index: usize, count: usize },
}

impl Shard {
    /// The whole grid as one shard.
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    pub fn new(index: usize, count: usize) -> Result<Shard, ShardError> {
        if count == 0 {
            return Err(ShardError::NoShards);
        }
        if index == 0 || index > count {
            return Err(ShardError::OutOfRange { index, count });
        }
        Ok(Shard { index, count })
    }

    /// How many of a grid's `variants` fall in this shard.
    pub fn len(self, variants: usize) -> usize {
        variants.saturating_sub(self.index - 1).div_ceil(self.count)
    }

    /// The grid position (0-based) of this shard's `k`-th variant (0-based).
    pub fn variant(self, k: usize) -> usize {
        self.index - 1 + k * self.count
    }
}

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(text: &str) -> Result<Shard, ShardError> {
        let shape = || ShardError::Shape(text.to_string());
        let (i, n) = text.split_once('/').ok_or_else(shape)?;
        let number = |s: &str| {
            let s = s.trim();
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(shape());
            }
            s.parse::<usize>().map_err(|_| shape())
        };
        Shard::new(number(i)?, number(n)?)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn shards_parse_and_refuse_what_does_not_exist() {
        assert_eq!("2/8".parse(), Shard::new(2, 8));
        assert_eq!("1/1".parse::<Shard>(), Ok(Shard::WHOLE));
        assert_eq!(
            "0/3".parse::<Shard>(),
            Err(ShardError::OutOfRange { index: 0, count: 3 })
        );
        assert_eq!(
            "4/3".parse::<Shard>(),
            Err(ShardError::OutOfRange { index: 4, count: 3 })
        );
        assert_eq!("1/0".parse::<Shard>(), Err(ShardError::NoShards));
        for bad in ["", "3", "1/", "/2", "-1/2", "1/2/3", "a/b", "+1/2", "1.0/2"] {
            assert_eq!(
                bad.parse::<Shard>(),
                Err(ShardError::Shape(bad.to_string()))
            );
        }
    }

    proptest! {
        /// The shards of a grid cover each variant exactly once, in grid order within
        /// each shard.
        #[test]
        fn shards_partition_the_grid(variants in 0usize..200, count in 1usize..20) {
            let mut seen = vec![0; variants];
            for index in 1..=count {
                let shard = Shard::new(index, count).expect("valid shard");
                let positions: Vec<usize> =
                    (0..shard.len(variants)).map(|k| shard.variant(k)).collect();
                prop_assert!(positions.windows(2).all(|w| w[0] < w[1]));
                for p in positions {
                    prop_assert!(p < variants);
                    seen[p] += 1;
                }
            }
            prop_assert!(seen.iter().all(|s| *s == 1));
        }
    }
}
