-- Stands for a migration a newer Campaign Relay applied: this SDK does not know it.
CREATE TABLE ${prefix}from_the_future (id VARCHAR(1000) NOT NULL PRIMARY KEY);
