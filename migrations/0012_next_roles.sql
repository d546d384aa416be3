-- Roles an editor pins as a profile's first career moves (front matter
-- `next_roles`), as a JSON array of slugs in the editor's order.
ALTER TABLE roles ADD COLUMN next_roles_json TEXT NOT NULL DEFAULT '[]';
