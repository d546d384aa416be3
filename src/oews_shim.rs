#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocCode(String);
impl SocCode {
    pub fn parse(s: &str) -> Result<Self, String> {
        Ok(Self(s.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
